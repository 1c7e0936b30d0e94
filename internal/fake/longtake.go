package fake

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
)

// LongTakeSample is frame i of the take WriteLongTake writes at rate: a
// 440 Hz tone (peak 8000) during the first second of every minute, and
// silence the rest of the time.
func LongTakeSample(i int64, rate int) int16 {
	r := int64(rate)
	if i%(60*r) >= r {
		return 0
	}
	return int16(math.Round(8000 * math.Sin(2*math.Pi*440*float64(i%r)/float64(rate))))
}

// WriteLongTake writes a 16-bit mono WAV file of frames frames at rate to
// path (which must not exist) holding LongTakeSample, quickly and without
// filling the disk: the silence is left as holes in a sparse file. It is
// for tests of hour-long takes.
func WriteLongTake(path string, rate int, frames int64) (err error) {
	if rate <= 0 || frames < 0 || 2*frames > math.MaxUint32-36 {
		return fmt.Errorf("fake: long take of %d frames at %d Hz does not fit a WAV file", frames, rate)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("fake: long take: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("fake: long take: %w", cerr)
		}
	}()
	le := binary.LittleEndian
	h := make([]byte, 44)
	copy(h[0:], "RIFF")
	le.PutUint32(h[4:], uint32(36+2*frames))
	copy(h[8:], "WAVEfmt ")
	le.PutUint32(h[16:], 16)
	le.PutUint16(h[20:], 1) // PCM
	le.PutUint16(h[22:], 1) // mono
	le.PutUint32(h[24:], uint32(rate))
	le.PutUint32(h[28:], uint32(2*rate))
	le.PutUint16(h[32:], 2)
	le.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	le.PutUint32(h[40:], uint32(2*frames))
	if _, err := f.WriteAt(h, 0); err != nil {
		return fmt.Errorf("fake: long take: %w", err)
	}
	if err := f.Truncate(44 + 2*frames); err != nil {
		return fmt.Errorf("fake: long take: %w", err)
	}
	tone := make([]byte, 2*rate)
	minute := 60 * int64(rate)
	for start := int64(0); start < frames; start += minute {
		n := min(int64(rate), frames-start)
		for i := range n {
			le.PutUint16(tone[2*i:], uint16(LongTakeSample(start+i, rate)))
		}
		if _, err := f.WriteAt(tone[:2*n], 44+2*start); err != nil {
			return fmt.Errorf("fake: long take: %w", err)
		}
	}
	return nil
}
