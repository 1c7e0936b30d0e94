package peaks

import (
	"errors"
	"fmt"
	"io"

	"failforward/audio/wavfile"
)

// readChunk is how many samples FromWAV reads at a time.
const readChunk = 1 << 16

// FromWAV builds the pyramid of the WAV file at path, reading it in chunks
// (multi-channel files are mixed to mono as wavfile.Reader does). It
// returns the file's Info too. Errors about the file's format wrap
// wavfile.ErrFormat.
func FromWAV(path string) (*Pyramid, wavfile.Info, error) {
	r, err := wavfile.Open(path)
	if err != nil {
		return nil, wavfile.Info{}, fmt.Errorf("peaks: %w", err)
	}
	defer r.Close()
	info := r.Info()
	p := New(info.SampleRate, info.Frames)
	buf := make([]int16, readChunk)
	for {
		n, err := r.Read(buf)
		p.Append(buf[:n])
		if errors.Is(err, io.EOF) {
			return p, info, nil
		}
		if err != nil {
			return nil, info, fmt.Errorf("peaks: %w", err)
		}
	}
}
