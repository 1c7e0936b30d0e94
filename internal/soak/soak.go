// Package soak records one long take through the real recorder and checks
// that a long answer loses nothing: every frame the device delivered is in
// the file, the memory of the process stays flat while it records, and the
// file opens the way the review screen opens it.
//
// The input is a pattern file (see WritePattern) that the virtual sound
// device of scripts/vaudio.sh plays into the capture stream. Because every
// frame of the pattern is known, the check needs no clock: the take must be
// one contiguous run of the pattern, so a single dropped or repeated frame
// shows. The clock check (frames written against elapsed time) comes on top.
package soak

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"failforward/audio/peaks"
	"failforward/audio/recorder"
	"failforward/audio/wavfile"
)

// MaxRSSGrowth is the most the resident set may grow while recording.
const MaxRSSGrowth = 50 << 20

// Pattern is the value of input frame i: a multiplicative hash of the index,
// loud enough to be real audio, never the same run twice within 2^32 frames.
func Pattern(i int64) int16 {
	return int16(uint32(i) * 2654435761 >> 16)
}

// WritePattern writes frames frames of Pattern as raw S16_LE mono to path,
// a block at a time (it holds no more than one block in memory).
func WritePattern(path string, frames int64) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("soak: input: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("soak: input: %w", cerr)
		}
	}()
	const block = 1 << 16
	buf := make([]byte, 2*block)
	for done := int64(0); done < frames; {
		n := int(min(block, frames-done))
		for i := range n {
			binary.LittleEndian.PutUint16(buf[2*i:], uint16(Pattern(done+int64(i))))
		}
		if _, err := f.Write(buf[:2*n]); err != nil {
			return fmt.Errorf("soak: input: %w", err)
		}
		done += int64(n)
	}
	return nil
}

// Source is what the soak records from: the recorder's source. A source
// that also counts input overflows (device.Capture does) has them reported.
type Source = recorder.Source

// Config describes one soak run.
type Config struct {
	Duration time.Duration // how long to record
	Dir      string        // folder for answer.wav
	Every    time.Duration // how often to sample memory and log progress (0: 10 s)
	Log      io.Writer     // progress lines; nil for none
	// Open opens the capture. It is called once; Run closes the source.
	Open func() (Source, error)
	// Buffer is the most frames the device delivers at once: its block,
	// or its own period if longer. The clock check allows one buffer.
	Buffer int
	// Review opens the finished file the way the review screen does and
	// checks its content (off: only the file's length is read).
	Review bool
	// ClockPPM is how far the device's clock may run from the system's, in
	// parts per million, on top of the one buffer the clock check allows.
	// A sound card's crystal is typically within 100 ppm; the virtual
	// device's clock (JACK's dummy driver, which sleeps a period at a time
	// and never catches up on late wake-ups) runs several hundred ppm slow.
	ClockPPM float64
}

// Report is what one run measured.
type Report struct {
	Path       string
	Rate       int
	Buffer     int           // Config.Buffer
	ClockPPM   float64       // allowed clock difference (Config.ClockPPM)
	Elapsed    time.Duration // from Arm to Stop
	Expected   int64         // Elapsed × Rate
	Frames     int64         // frames the recorder wrote
	FileFrames int64         // frames the file holds
	Dropped    uint64        // blocks the source dropped during the take
	Overflows  uint64        // input overflows the device reported
	Offset     int64         // input frame the take starts at; -1 if not found
	Contiguous bool          // the take is one unbroken run of the input (checked when Review is on)
	RSSStart   int64         // resident set just after Arm, bytes
	RSSEnd     int64         // just before Stop
	RSSMax     int64         // largest sample while recording
	Reviewed   bool          // the take was opened as the review screen opens it
	ReviewTime time.Duration // waveform from the file and playback's first read
	ReviewRSS  int64         // resident set after that, bytes
}

// Tolerance is how far Frames may be from Expected: one buffer, plus
// ClockPPM of Expected.
func (r Report) Tolerance() int64 {
	return int64(r.Buffer) + int64(math.Ceil(r.ClockPPM*float64(r.Expected)/1e6))
}

// PPM is how far the device's clock ran from the system's, in parts per
// million (negative: the device was slow), as Frames against Expected.
func (r Report) PPM() float64 {
	if r.Expected == 0 {
		return 0
	}
	return 1e6 * float64(r.Frames-r.Expected) / float64(r.Expected)
}

// Growth is how much the resident set grew while recording (largest sample
// less the first).
func (r Report) Growth() int64 { return r.RSSMax - r.RSSStart }

// Check returns an error naming every goal the run missed: frames written
// equal elapsed time × rate within Tolerance, no dropped blocks or
// overflows, the file holding every frame written, the take one unbroken
// run of the input (when checked), and memory growth under MaxRSSGrowth.
func (r Report) Check() error {
	var errs []error
	if d, tol := r.Frames-r.Expected, r.Tolerance(); d < -tol || d > tol {
		errs = append(errs, fmt.Errorf("soak: wrote %d frames in %v, want %d ± %d (elapsed × rate within one buffer and %g ppm; the clocks differ by %+.0f ppm)",
			r.Frames, r.Elapsed, r.Expected, tol, r.ClockPPM, r.PPM()))
	}
	if r.Dropped != 0 || r.Overflows != 0 {
		errs = append(errs, fmt.Errorf("soak: %d blocks dropped, %d overflows, want none", r.Dropped, r.Overflows))
	}
	if r.FileFrames != r.Frames {
		errs = append(errs, fmt.Errorf("soak: the file holds %d frames, the recorder wrote %d", r.FileFrames, r.Frames))
	}
	if r.Reviewed && !r.Contiguous {
		errs = append(errs, fmt.Errorf("soak: the take is not one unbroken run of the input (starts at input frame %d)", r.Offset))
	}
	if g := r.Growth(); g >= MaxRSSGrowth {
		errs = append(errs, fmt.Errorf("soak: resident set grew by %s while recording, want under %s", MB(g), MB(MaxRSSGrowth)))
	}
	return errors.Join(errs...)
}

// String is a summary with every figure, one per line.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "take            %s\n", r.Path)
	fmt.Fprintf(&b, "rate            %d Hz, buffers of up to %d frames\n", r.Rate, r.Buffer)
	fmt.Fprintf(&b, "elapsed         %v (Arm to Stop)\n", r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "frames expected %d (elapsed × rate)\n", r.Expected)
	fmt.Fprintf(&b, "frames written  %d (difference %+d = %+.0f ppm, allowed ± %d; file holds %d)\n",
		r.Frames, r.Frames-r.Expected, r.PPM(), r.Tolerance(), r.FileFrames)
	fmt.Fprintf(&b, "dropped blocks  %d, input overflows %d\n", r.Dropped, r.Overflows)
	if r.Reviewed {
		fmt.Fprintf(&b, "content         unbroken run of the input: %v (from input frame %d)\n", r.Contiguous, r.Offset)
	}
	fmt.Fprintf(&b, "RSS recording   start %s, end %s, max %s, growth %s\n", MB(r.RSSStart), MB(r.RSSEnd), MB(r.RSSMax), MB(r.Growth()))
	if r.Reviewed {
		fmt.Fprintf(&b, "review open     waveform and first playback read %v, RSS after %s\n", r.ReviewTime.Round(time.Millisecond), MB(r.ReviewRSS))
	}
	return b.String()
}

// MB formats a byte count in mebibytes.
func MB(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// RSS returns the resident set size of this process in bytes (Linux only:
// it reads /proc/self/status).
func RSS() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("soak: resident set: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), "VmRSS:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("soak: resident set: %q: %w", v, err)
		}
		return kb << 10, nil
	}
	return 0, errors.New("soak: resident set: no VmRSS line in /proc/self/status")
}

// Run records cfg.Duration from the source into cfg.Dir/answer.wav and
// measures. Errors are about the run failing (the device, the file);
// whether it met its goals is Report.Check's business.
//
// Run blocks for the whole duration. The recorder's goroutine lives from
// the start of Run until it returns.
func Run(cfg Config) (Report, error) {
	if cfg.Every <= 0 {
		cfg.Every = 10 * time.Second
	}
	logf := func(format string, args ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format+"\n", args...)
		}
	}
	src, err := cfg.Open()
	if err != nil {
		return Report{}, fmt.Errorf("soak: open capture: %w", err)
	}
	rec := recorder.New(src)
	defer rec.Close()

	rep := Report{Path: filepath.Join(cfg.Dir, "answer.wav"), Rate: src.SampleRate(), Buffer: cfg.Buffer,
		ClockPPM: cfg.ClockPPM, Offset: -1}
	// Let the stream settle (the first buffers of a device come in a burst)
	// and the runtime reach its working size before the baseline.
	time.Sleep(500 * time.Millisecond)
	runtime.GC()
	if err := rec.Arm(rep.Path); err != nil {
		// A source that failed already says why in the snapshot.
		return rep, fmt.Errorf("soak: %w", errors.Join(err, rec.Snapshot().Err))
	}
	armed := time.Now()
	if rep.RSSStart, err = RSS(); err != nil {
		return rep, err
	}
	rep.RSSMax = rep.RSSStart
	logf("recording %v at %d Hz to %s; RSS %s", cfg.Duration, rep.Rate, rep.Path, MB(rep.RSSStart))

	end := armed.Add(cfg.Duration)
	tick := time.NewTicker(cfg.Every)
	defer tick.Stop()
	for wait := time.Until(end); wait > 0; wait = time.Until(end) {
		timer := time.NewTimer(wait)
		select {
		case <-rec.Done():
			timer.Stop()
			return rep, fmt.Errorf("soak: capture ended early: %w", rec.Snapshot().Err)
		case <-timer.C:
		case <-tick.C:
			timer.Stop()
			rss, err := RSS()
			if err != nil {
				return rep, err
			}
			rep.RSSMax = max(rep.RSSMax, rss)
			s := rec.Snapshot()
			el := time.Since(armed)
			logf("%8v  frames %d (elapsed × rate %d)  dropped %d  RSS %s", el.Round(time.Second), s.Frames,
				int64(el.Seconds()*float64(rep.Rate)), s.Dropped, MB(rss))
		}
	}
	if rep.RSSEnd, err = RSS(); err != nil {
		return rep, err
	}
	rep.RSSMax = max(rep.RSSMax, rep.RSSEnd)
	res, err := rec.Stop()
	rep.Elapsed = time.Since(armed)
	if err != nil {
		return rep, fmt.Errorf("soak: %w", err)
	}
	if o, ok := src.(interface{ Overflows() uint64 }); ok {
		rep.Overflows = o.Overflows()
	}
	rep.Expected = int64(rep.Elapsed.Seconds() * float64(rep.Rate))
	rep.Frames, rep.Dropped = res.Frames, res.Dropped
	if err := rec.Close(); err != nil {
		return rep, fmt.Errorf("soak: %w", err)
	}

	if !cfg.Review {
		r, err := wavfile.Open(rep.Path)
		if err != nil {
			return rep, err
		}
		rep.FileFrames = r.Info().Frames
		return rep, r.Close()
	}
	// As the review screen: the waveform from the file, and playback
	// streaming from it (its read-ahead's first read).
	start := time.Now()
	pyr, info, err := peaks.FromWAV(rep.Path)
	if err != nil {
		return rep, err
	}
	r, err := wavfile.Open(rep.Path)
	if err != nil {
		return rep, err
	}
	defer r.Close()
	first := make([]int16, min(info.Frames, 2*int64(rep.Rate)))
	if _, err := r.ReadAt(first, 0); err != nil && !errors.Is(err, io.EOF) {
		return rep, err
	}
	rep.ReviewTime = time.Since(start)
	rep.Reviewed = true
	rep.FileFrames = info.Frames
	if rep.ReviewRSS, err = RSS(); err != nil {
		return rep, err
	}
	runtime.KeepAlive(pyr)
	rep.Offset, err = findRunIn(r, info.Frames, int64(rep.Rate)*120)
	rep.Contiguous = rep.Offset >= 0
	return rep, err
}

// findRunIn is FindRun over a file of frames frames, read in chunks.
func findRunIn(r *wavfile.Reader, frames, limit int64) (int64, error) {
	buf := make([]int16, 1<<16)
	off := int64(-1)
	for pos := int64(0); pos < frames; {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), frames-pos)], pos)
		if n == 0 {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return -1, err
		}
		got := buf[:n]
		if off < 0 {
			if off = FindRun(got, limit); off < 0 {
				return -1, nil
			}
		} else {
			for i, v := range got {
				if v != Pattern(off+pos+int64(i)) {
					return -1, nil
				}
			}
		}
		pos += int64(n)
	}
	return max(off, 0), nil
}

// FindRun returns the input frame at which got stands as one unbroken run
// of Pattern, searching starts up to limit, or -1. Past the end of the
// input file the device delivers silence; Run's input is long enough that
// a take never reaches it.
func FindRun(got []int16, limit int64) int64 {
	if len(got) == 0 {
		return 0
	}
	const probe = 16
	for off := int64(0); off < limit; off++ {
		ok := true
		for i := 0; i < min(probe, len(got)); i++ {
			if got[i] != Pattern(off+int64(i)) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for i, v := range got {
			if v != Pattern(off+int64(i)) {
				return -1
			}
		}
		return off
	}
	return -1
}
