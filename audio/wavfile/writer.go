package wavfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
)

const (
	headerSize = 44
	// maxDataBytes is the largest data chunk a 32-bit RIFF size can describe
	// (the RIFF size is data+36 and must fit in 32 bits), in whole frames.
	maxDataBytes = (math.MaxUint32 - 36) &^ 1
	// maxRate keeps the header's byte rate within 32 bits.
	maxRate = math.MaxInt32 / 2
)

// ErrTooLarge is returned by Write when the file would pass the 4 GiB limit
// of the WAV format. Nothing of the refused block is written.
var ErrTooLarge = errors.New("wavfile: file would exceed the 4 GiB WAV limit")

// file is what Writer needs from *os.File; tests substitute failing files.
type file interface {
	WriteAt(p []byte, off int64) (int, error)
	Sync() error
	Close() error
}

// Writer streams 16-bit PCM mono samples into a WAV file.
//
// The header is written by Create, and its two size fields (RIFF size at
// offset 4, data size at offset 40) are rewritten after every Write, so a
// process killed at any moment leaves a valid file holding everything
// written so far. Samples are encoded into one reusable buffer: Write does
// not allocate unless it is given a block larger than any before.
//
// A Writer is not safe for concurrent use and starts no goroutines.
type Writer struct {
	f      file
	frames int64
	buf    []byte
	hdr    [4]byte
	err    error // first write error; later Writes return it
	closed bool
	cerr   error // result of the first Close
}

// Create creates a new WAV file at path (mode 0600, failing if the file
// exists, so an earlier take is never overwritten) and writes its header for
// 16-bit mono at sampleRate.
func Create(path string, sampleRate int) (*Writer, error) {
	if sampleRate <= 0 || sampleRate > maxRate {
		return nil, fmt.Errorf("wavfile: create %s: invalid sample rate %d", path, sampleRate)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("wavfile: create: %w", err)
	}
	w, err := newWriter(f, sampleRate)
	if err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return nil, err
	}
	return w, nil
}

// newWriter writes the header of an empty file to f.
func newWriter(f file, sampleRate int) (*Writer, error) {
	h := header(uint32(sampleRate), 0)
	if _, err := f.WriteAt(h[:], 0); err != nil {
		return nil, fmt.Errorf("wavfile: create: %w", err)
	}
	return &Writer{f: f}, nil
}

// header returns the canonical 44-byte header of a 16-bit mono PCM file.
func header(rate, dataBytes uint32) [headerSize]byte {
	var h [headerSize]byte
	le := binary.LittleEndian
	copy(h[0:], "RIFF")
	le.PutUint32(h[4:], 36+dataBytes)
	copy(h[8:], "WAVE")
	copy(h[12:], "fmt ")
	le.PutUint32(h[16:], 16)     // fmt chunk size
	le.PutUint16(h[20:], 1)      // PCM
	le.PutUint16(h[22:], 1)      // channels
	le.PutUint32(h[24:], rate)   // sample rate
	le.PutUint32(h[28:], rate*2) // byte rate
	le.PutUint16(h[32:], 2)      // block align
	le.PutUint16(h[34:], 16)     // bits per sample
	copy(h[36:], "data")
	le.PutUint32(h[40:], dataBytes)
	return h
}

// Write appends samples to the file and then patches the header sizes.
// Errors are wrapped ("wavfile: write: ..."), so a full disk is detectable
// with errors.Is(err, syscall.ENOSPC). After an error every later Write
// returns it; Frames and the header still count what reached the file.
func (w *Writer) Write(samples []int16) error {
	if w.closed {
		return fmt.Errorf("wavfile: write: %w", os.ErrClosed)
	}
	if w.err != nil {
		return w.err
	}
	if len(samples) == 0 {
		return nil
	}
	n := 2 * len(samples)
	if w.frames*2+int64(n) > maxDataBytes {
		return fmt.Errorf("wavfile: write: %w", ErrTooLarge)
	}
	if cap(w.buf) < n {
		w.buf = make([]byte, n)
	}
	b := w.buf[:n]
	for i, s := range samples {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	m, err := w.f.WriteAt(b, headerSize+2*w.frames)
	w.frames += int64(m / 2)
	if perr := w.patch(); err == nil {
		err = perr
	}
	if err != nil {
		w.err = fmt.Errorf("wavfile: write: %w", err)
		return w.err
	}
	return nil
}

// patch rewrites the RIFF size (offset 4) and data size (offset 40).
func (w *Writer) patch() error {
	data := uint32(2 * w.frames)
	binary.LittleEndian.PutUint32(w.hdr[:], 36+data)
	if _, err := w.f.WriteAt(w.hdr[:], 4); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(w.hdr[:], data)
	_, err := w.f.WriteAt(w.hdr[:], 40)
	return err
}

// Frames returns the number of frames in the file so far.
func (w *Writer) Frames() int64 { return w.frames }

// Sync flushes the file to stable storage. The header is always current, so
// Sync is only about surviving a power cut; Close syncs too.
func (w *Writer) Sync() error {
	if w.closed {
		return fmt.Errorf("wavfile: sync: %w", os.ErrClosed)
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("wavfile: sync: %w", err)
	}
	return nil
}

// Close patches the header a last time, flushes the file to stable storage
// and closes it. Calling Close again does nothing and returns the first
// call's result.
func (w *Writer) Close() error {
	if w.closed {
		return w.cerr
	}
	w.closed = true
	err := w.patch()
	if serr := w.f.Sync(); err == nil {
		err = serr
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		w.cerr = fmt.Errorf("wavfile: close: %w", err)
	}
	return w.cerr
}
