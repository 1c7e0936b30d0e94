package wavfile

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	goaudio "github.com/go-audio/audio"
	"github.com/go-audio/wav"
)

// chunkFrames is how many frames one decoder read fetches.
const chunkFrames = 4096

// Reader reads a WAV file as 16-bit mono, a chunk at a time. Samples of 8,
// 24 and 32 bits are scaled to 16 bits (8-bit: (v-128)<<8, wider: the top 16
// bits; 32-bit float: v×32768 rounded, clipped to the 16-bit range, NaN as
// 0) and the channels of a frame are averaged. A file whose header
// promises more data than it holds (a truncated copy) reads up to its end.
//
// A Reader is not safe for concurrent use and starts no goroutines.
type Reader struct {
	f     *os.File
	path  string
	dec   *wav.Decoder
	info  Info
	float bool  // samples are 32-bit IEEE floats
	left  int64 // frames not yet returned

	ib       goaudio.IntBuffer
	pos, end int   // unconsumed samples are ib.Data[pos:end]
	carry    []int // a frame split across two decoder reads
	err      error // sticky: io.EOF or a read error
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
	frames := l.available()
	// Read exactly the whole frames present: this also skips the pad byte
	// of an odd-sized chunk and copes with "unknown length" sizes.
	dec.PCMChunk.R = io.LimitReader(f, frames*int64(l.blockAlign))
	r := &Reader{
		f:     f,
		path:  path,
		dec:   dec,
		info:  Info{SampleRate: l.rate, Channels: l.channels, BitDepth: l.bits, Frames: frames},
		float: l.format == tagFloat,
		left:  frames,
		ib:    goaudio.IntBuffer{Data: make([]int, chunkFrames*l.channels)},
	}
	if l.channels > 1 {
		r.carry = make([]int, 0, l.channels)
	}
	return r, nil
}

// Info describes the file; Frames is what Read will return in total.
func (r *Reader) Info() Info { return r.info }

// Read fills buf with mono frames and returns how many it read. At the end
// of the audio it returns 0, io.EOF.
func (r *Reader) Read(buf []int16) (int, error) {
	if r.f == nil {
		return 0, fmt.Errorf("wavfile: read: %w", os.ErrClosed)
	}
	ch := r.info.Channels
	n := 0
	for n < len(buf) && r.left > 0 {
		if r.pos == r.end {
			if r.err != nil {
				break
			}
			r.fill()
			continue
		}
		data := r.ib.Data[r.pos:r.end]
		if len(r.carry) > 0 || len(data) < ch {
			// A frame split across decoder reads: gather it sample by sample.
			take := min(ch-len(r.carry), len(data))
			r.carry = append(r.carry, data[:take]...)
			r.pos += take
			if len(r.carry) == ch {
				buf[n] = r.mix(r.carry)
				n++
				r.left--
				r.carry = r.carry[:0]
			}
			continue
		}
		frames := min(len(data)/ch, len(buf)-n, int(min(r.left, int64(len(buf)))))
		if ch == 1 {
			for i, v := range data[:frames] {
				buf[n+i] = r.to16(v)
			}
		} else {
			for i := range frames {
				buf[n+i] = r.mix(data[i*ch : (i+1)*ch])
			}
		}
		n += frames
		r.pos += frames * ch
		r.left -= int64(frames)
	}
	if n > 0 {
		return n, nil
	}
	if r.left == 0 {
		return 0, io.EOF
	}
	if r.err == io.EOF {
		// The file ended before the frames it held at Open: it shrank.
		return 0, fmt.Errorf("wavfile: read %s: %w", r.path, io.ErrUnexpectedEOF)
	}
	return 0, r.err
}

// fill reads the next chunk of interleaved samples from the decoder.
func (r *Reader) fill() {
	m, err := r.dec.PCMBuffer(&r.ib)
	switch {
	case err != nil:
		r.err = fmt.Errorf("wavfile: read %s: %w", r.path, err)
	case m == 0:
		r.err = io.EOF
	default:
		r.pos, r.end = 0, m
	}
}

// to16 scales one sample as the decoder returns it to 16 bits.
func (r *Reader) to16(v int) int16 {
	if r.float {
		return floatTo16(math.Float32frombits(uint32(v)))
	}
	switch r.info.BitDepth {
	case 8:
		return int16((v - 128) << 8)
	case 24:
		return int16(v >> 8)
	case 32:
		return int16(v >> 16)
	}
	return int16(v)
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

// mix averages one frame's channels, scaled to 16 bits.
func (r *Reader) mix(frame []int) int16 {
	sum := 0
	for _, v := range frame {
		sum += int(r.to16(v))
	}
	return int16(sum / len(frame))
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
