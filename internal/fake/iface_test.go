package fake_test

import (
	"failforward/audio/recorder"
	"failforward/internal/fake"
)

// player is ui.Player's method set, repeated here so this package's tests
// need no UI toolkit.
type player interface {
	Play()
	Pause()
	SeekFrame(frame int64)
	Position() int64
	Playing() bool
	Len() int64
	Err() error
	Close() error
}

var (
	_ recorder.Source = (*fake.Source)(nil)
	_ player          = (*fake.Player)(nil)
)
