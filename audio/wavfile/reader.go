package wavfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/go-audio/wav"
)

// chunkFrames is how many frames one read of the file fetches from a
// 16-bit mono file, the app's own: 64 KiB. Files with wider frames get the
// largest whole number of frames that fits in as many bytes (at least
// one). Reading this much at a time and converting the bytes in a plain
// loop is many times faster than decoding sample by sample.
const chunkFrames = 32768

// Reader reads a WAV file as 16-bit mono, a chunk at a time. Samples of 8,
// 24 and 32 bits are scaled to 16 bits (8-bit: (v-128)<<8, wider: the top 16
// bits; 32-bit float: v×32768 rounded, clipped to the 16-bit range, NaN as
// 0) and the channels of a frame are averaged. A file whose header
// promises more data than it holds (a truncated copy) reads up to its end.
//
// The header is parsed and checked with the go-audio decoder; the samples
// are then read straight from the data chunk in large chunks.
//
// A Reader is not safe for concurrent use and starts no goroutines.
type Reader struct {
	f          *os.File
	path       string
	info       Info
	float      bool   // samples are 32-bit IEEE floats
	frameBytes int    // bytes per frame, all channels
	dataStart  int64  // file offset of the first frame
	next       int64  // file offset of the next frame to return
	left       int64  // frames not yet returned
	raw        []byte // read buffer: a whole number of frames
	err        error  // sticky: a read error, or the file ending early
}

// Open opens the WAV file at path for reading. Files that are not WAV, are
// broken, or hold float or compressed audio give a *FormatError.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("wavfile: open: %w", err)
	}
	r, err := newReader(f, path)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return r, nil
}

func newReader(f *os.File, path string) (*Reader, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("wavfile: open: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, formatErr(path, "choose a WAV file", "not a regular file")
	}
	l, err := scan(f, st.Size(), path)
	if err != nil {
		return nil, err
	}
	if err := l.supported(path); err != nil {
		return nil, err
	}
	dec := wav.NewDecoder(f)
	if err := dec.FwdToPCM(); err != nil || dec.Err() != nil || dec.PCMChunk == nil {
		return nil, formatErr(path, hintBroken, "unreadable header")
	}
	if int(dec.NumChans) != l.channels || int(dec.BitDepth) != l.bits || int(dec.SampleRate) != l.rate {
		return nil, formatErr(path, hintBroken, "inconsistent header")
	}
	at, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("wavfile: open: %w", err)
	}
	if at != l.dataStart {
		return nil, formatErr(path, hintBroken, "inconsistent chunk layout")
	}
	// Only the whole frames present are read: this also leaves out the pad
	// byte of an odd-sized chunk and copes with "unknown length" sizes.
	frames := l.available()
	return &Reader{
		f:          f,
		path:       path,
		info:       Info{SampleRate: l.rate, Channels: l.channels, BitDepth: l.bits, Frames: frames},
		float:      l.format == tagFloat,
		frameBytes: l.blockAlign,
		dataStart:  l.dataStart,
		next:       l.dataStart,
		left:       frames,
		raw:        make([]byte, max(2*chunkFrames/l.blockAlign, 1)*l.blockAlign),
	}, nil
}

// Info describes the file; Frames is what Read will return in total.
func (r *Reader) Info() Info { return r.info }

// Read fills buf with mono frames and returns how many it read. At the end
// of the audio it returns 0, io.EOF.
func (r *Reader) Read(buf []int16) (int, error) {
	if r.f == nil {
		return 0, fmt.Errorf("wavfile: read: %w", os.ErrClosed)
	}
	fb := r.frameBytes
	n := 0
	for n < len(buf) && r.left > 0 && r.err == nil {
		want := int(min(int64(len(buf)-n), r.left, int64(len(r.raw)/fb)))
		m, err := r.f.ReadAt(r.raw[:want*fb], r.next)
		got := m / fb
		r.decode(buf[n:n+got], r.raw[:got*fb])
		n += got
		r.next += int64(got * fb)
		r.left -= int64(got)
		switch {
		case got == want:
		case err == nil || errors.Is(err, io.EOF):
			// The file ended before the frames it held at Open: it shrank.
			r.err = fmt.Errorf("wavfile: read %s: %w", r.path, io.ErrUnexpectedEOF)
		default:
			r.err = fmt.Errorf("wavfile: read %s: %w", r.path, err)
		}
	}
	if n > 0 || len(buf) == 0 {
		return n, nil
	}
	if r.left == 0 {
		return 0, io.EOF
	}
	return 0, r.err
}

// decode converts the whole frames in src to mono 16-bit samples in dst
// (len(dst) frames). The common layouts have loops of their own; the rest
// go sample by sample.
func (r *Reader) decode(dst []int16, src []byte) {
	le := binary.LittleEndian
	if r.info.Channels > 1 {
		ch := r.info.Channels
		sb := r.frameBytes / ch
		for i := range dst {
			frame := src[i*r.frameBytes : (i+1)*r.frameBytes]
			sum := 0
			for c := 0; c < ch; c++ {
				sum += int(r.sample(frame[c*sb:]))
			}
			dst[i] = int16(sum / ch)
		}
		return
	}
	switch {
	case r.float:
		src = src[:4*len(dst)]
		for i := range dst {
			dst[i] = floatTo16(math.Float32frombits(le.Uint32(src[4*i:])))
		}
	case r.info.BitDepth == 16:
		// Four samples per 64-bit load, then the rest one by one.
		n := len(dst)
		src = src[:2*n]
		i := 0
		for ; i+4 <= n; i += 4 {
			v := le.Uint64(src[2*i:])
			d := dst[i : i+4 : i+4]
			d[0] = int16(v)
			d[1] = int16(v >> 16)
			d[2] = int16(v >> 32)
			d[3] = int16(v >> 48)
		}
		for ; i < n; i++ {
			dst[i] = int16(le.Uint16(src[2*i:]))
		}
	default:
		sb := r.frameBytes
		for i := range dst {
			dst[i] = r.sample(src[i*sb:])
		}
	}
}

// sample converts the one sample at the start of b to 16 bits.
func (r *Reader) sample(b []byte) int16 {
	le := binary.LittleEndian
	if r.float {
		return floatTo16(math.Float32frombits(le.Uint32(b)))
	}
	switch r.info.BitDepth {
	case 8:
		return int16((int(b[0]) - 128) << 8)
	case 24:
		return int16(le.Uint16(b[1:])) // the top 16 of 24 bits
	case 32:
		return int16(le.Uint16(b[2:])) // the top 16 of 32 bits
	}
	return int16(le.Uint16(b))
}

// seekFrame makes the next Read start at frame (0 is the first; Info().Frames
// is the end) and clears a sticky read error. The caller checks the range.
func (r *Reader) seekFrame(frame int64) {
	r.next = r.dataStart + frame*int64(r.frameBytes)
	r.left = r.info.Frames - frame
	r.err = nil
}

// floatTo16 converts a float sample, full scale ±1, to 16 bits.
func floatTo16(f float32) int16 {
	switch x := math.Round(float64(f) * 32768); {
	case math.IsNaN(x):
		return 0
	case x >= math.MaxInt16:
		return math.MaxInt16
	case x <= math.MinInt16:
		return math.MinInt16
	default:
		return int16(x)
	}
}

// Close closes the file. Calling it again returns nil.
func (r *Reader) Close() error {
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	if err != nil {
		return fmt.Errorf("wavfile: close: %w", err)
	}
	return nil
}

// ReadMono reads the whole WAV file at path as 16-bit mono (see Reader for
// the conversions). It reads in chunks and allocates the result once.
func ReadMono(path string) ([]int16, Info, error) {
	r, err := Open(path)
	if err != nil {
		return nil, Info{}, err
	}
	defer r.Close()
	info := r.Info()
	out := make([]int16, info.Frames)
	n := 0
	for n < len(out) {
		m, err := r.Read(out[n:])
		n += m
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, info, err
		}
	}
	info.Frames = int64(n)
	return out[:n], info, nil
}
