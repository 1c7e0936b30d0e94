package practice

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Take states, the values of Take.State.
const (
	StateDone      = ""          // the take was recorded to its end and saved
	StateRecording = "recording" // saved by SaveRecording: the answer is being recorded
	StateRecovered = "recovered" // rescued by Recover after the app stopped mid-take
)

// StoppedInterrupted is Take.Stopped for a recovered take: the recording
// ended because the app stopped (a crash, a kill, a power cut), not because
// the user or the time limit ended it.
const StoppedInterrupted = "interrupted"

// ErrNotUnfinished is returned by Recover and Discard for a take that is
// not unfinished: they never touch a finished take.
var ErrNotUnfinished = errors.New("practice: take is not unfinished")

// ErrNoAudio is wrapped by Recover's error when the take has no audio to
// recover: answer.wav is missing or holds no sound. Such a take can only be
// discarded.
var ErrNoAudio = errors.New("practice: nothing was recorded")

// interruptedProblem is the Problem List and Unfinished give an unfinished
// take.
const interruptedProblem = "the recording was interrupted before it was saved"

// SaveRecording saves t marked as still being recorded (State
// StateRecording; t itself is not changed). Call it when the recording
// starts, and again whenever something worth keeping changes during the
// take (a part tagged), so that if the app stops mid-take the next start
// finds the take with its question, start time, rate and parts. Set
// Duration to the length recorded so far: the parts must lie within it
// (CheckParts), or take.json would not load. When the recording ends, Save
// the take with State StateDone (the zero value).
func (l *Library) SaveRecording(t Take) error {
	if reason := partsProblem(t.Parts, t.Duration); reason != "" {
		return fmt.Errorf("practice: save take %s: %s", t.ID, reason)
	}
	t.State = StateRecording
	return l.Save(t)
}

// markInterrupted makes a loaded take that was never finished Unfinished,
// with a Problem and an Err as List gives takes that are not OK.
func markInterrupted(t Take) Take {
	if t.State == StateRecording {
		t.Status = Unfinished
		t.Problem = interruptedProblem
		t.Err = &TakeError{ID: t.ID, Reason: interruptedProblem}
	}
	return t
}

// UnfinishedTake is a take whose recording never finished: the app stopped
// (a crash, a kill, a power cut) while recording it.
type UnfinishedTake struct {
	// Take is what is known of it. With a take.json (saved by
	// SaveRecording) that is the question, start time, rate, settings and
	// the parts tagged so far; without one, only what the folder name
	// tells (ID, QuestionID, Started) and the question text if the
	// question is in the built-in bank. Status is Unfinished.
	Take Take
	// Sidecar reports whether take.json exists.
	Sidecar bool
	// AudioBytes is the size of answer.wav (0 when it is missing).
	AudioBytes int64
	// About is how long the audio is, estimated from the file size and the
	// rate; 0 when there is no audio or the rate is unknown. Recover gives
	// the exact length.
	About time.Duration
}

// Unfinished returns the takes whose recording never finished, newest
// first: folders named like takes that have no take.json, and takes whose
// take.json says they are still recording. The app offers each for
// Recover or Discard at start; it must hold the library's lock (see Lock)
// so that no running recording is mistaken for an interrupted one.
// Nothing is changed on disk.
func (l *Library) Unfinished() ([]UnfinishedTake, error) {
	takes, err := l.List()
	if err != nil {
		return nil, err
	}
	var out []UnfinishedTake
	for _, t := range takes {
		if t.Status != Unfinished {
			continue
		}
		u := UnfinishedTake{Take: t, Sidecar: t.State == StateRecording}
		if !u.Sidecar {
			u.Take.Problem = interruptedProblem
			if q, ok := QuestionByID(t.QuestionID); ok {
				u.Take.QuestionText = q.Text
			}
		}
		audio := filepath.Join(l.Dir, t.ID, AudioName)
		if fi, err := os.Stat(audio); err == nil && fi.Mode().IsRegular() {
			u.AudioBytes = fi.Size()
			rate := t.SampleRate
			if rate <= 0 {
				rate = headerRate(audio)
			}
			if rate > 0 && u.AudioBytes > wavHeaderSize {
				frames := (u.AudioBytes - wavHeaderSize) / 2
				u.About = time.Duration(frames) * time.Second / time.Duration(rate)
			}
		}
		out = append(out, u)
	}
	return out, nil
}

// wavHeaderSize is the size of the header the app's WAV writer puts before
// the samples (16-bit mono).
const wavHeaderSize = 44

// headerRate reads the sample rate from the canonical 44-byte header the
// app writes, or returns 0. It is only for Unfinished's estimate; Recover
// leaves reading the file to its RepairFunc.
func headerRate(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	var h [28]byte
	if _, err := f.ReadAt(h[:], 0); err != nil {
		return 0
	}
	if string(h[0:4]) != "RIFF" || string(h[8:12]) != "WAVE" || string(h[12:16]) != "fmt " {
		return 0
	}
	rate := binary.LittleEndian.Uint32(h[24:])
	if rate > 1_000_000 {
		return 0
	}
	return int(rate)
}

// RepairFunc repairs the WAV file at path in place, setting its header's
// sizes from the file's real length, and returns its sample rate and length
// in frames. The app passes a wrapper of wavfile.Repair: this package does
// not read audio files itself.
type RepairFunc func(path string) (rate int, frames int64, err error)

// unfinished returns the take with this ID if it is unfinished: from its
// take.json, or from its folder name when it has none.
func (l *Library) unfinished(id string) (Take, error) {
	if err := checkID(id); err != nil {
		return Take{}, err
	}
	fi, err := os.Stat(filepath.Join(l.Dir, id))
	if err != nil || !fi.IsDir() {
		return Take{}, fmt.Errorf("practice: take %s: %w", id, fs.ErrNotExist)
	}
	t, err := l.Load(id)
	switch {
	case err == nil && t.State == StateRecording:
		return t, nil
	case err == nil:
		return Take{}, fmt.Errorf("practice: take %s: %w", id, ErrNotUnfinished)
	case errors.Is(err, fs.ErrNotExist):
		m := takeName.FindStringSubmatch(id)
		if m == nil {
			return Take{}, fmt.Errorf("practice: take %s: %w (not a take folder)", id, ErrNotUnfinished)
		}
		t := Take{Schema: SchemaVersion, ID: id, QuestionID: m[2]}
		if ts, err := time.ParseInLocation(idLayout, m[1], time.Local); err == nil {
			t.Started = ts
		}
		if q, ok := QuestionByID(t.QuestionID); ok {
			t.QuestionText = q.Text
		}
		return t, nil
	}
	// A damaged take.json is not an interrupted recording (SaveRecording
	// replaces it whole): it is shown as damaged, never recovered over.
	return Take{}, fmt.Errorf("practice: take %s: %w: %w", id, ErrNotUnfinished, err)
}

// Recover rescues an unfinished take after the user chose to keep it:
// repair fixes answer.wav's header from the file's length, then the take is
// saved with the exact duration and rate, State StateRecovered and Stopped
// StoppedInterrupted. Everything take.json held (question, settings, parts
// tagged so far) is kept; the last part, which was still running, now ends
// at the end of the audio. Temporary files an interrupted Save left behind
// are removed. The recovered take is returned.
//
// Recover refuses (ErrNotUnfinished) a take that is finished or damaged.
// When there is no audio (answer.wav missing, empty, or a header without
// samples) the error wraps ErrNoAudio and take.json is not changed.
func (l *Library) Recover(id string, repair RepairFunc) (Take, error) {
	t, err := l.unfinished(id)
	if err != nil {
		return Take{}, err
	}
	audio := filepath.Join(l.Dir, id, AudioName)
	fi, err := os.Stat(audio)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Take{}, fmt.Errorf("practice: recover take %s: %w (no %s)", id, ErrNoAudio, AudioName)
	case err != nil:
		return Take{}, fmt.Errorf("practice: recover take %s: %w", id, err)
	case fi.Size() == 0:
		return Take{}, fmt.Errorf("practice: recover take %s: %w (%s is empty)", id, ErrNoAudio, AudioName)
	}
	rate, frames, err := repair(audio)
	if err != nil {
		return Take{}, fmt.Errorf("practice: recover take %s: %w", id, err)
	}
	if rate <= 0 || frames < 0 {
		return Take{}, fmt.Errorf("practice: recover take %s: repair reported %d frames at %d Hz", id, frames, rate)
	}
	if frames == 0 {
		return Take{}, fmt.Errorf("practice: recover take %s: %w (%s holds no sound)", id, ErrNoAudio, AudioName)
	}
	// The parts tagged so far are kept. The part being spoken when the
	// app stopped ran to the end recorded then: it runs to the end of the
	// audio now. Audio shorter than the saved length cuts the parts.
	dur := float64(frames) / float64(rate)
	parts, err := NewParts(t.Duration, t.Parts)
	if err == nil {
		err = parts.SetDuration(dur)
	}
	if err != nil {
		return Take{}, fmt.Errorf("practice: recover take %s: %w", id, err)
	}
	if t.Parts != nil {
		t.Parts = parts.List()
	}
	t.SampleRate = rate
	t.Duration = dur
	t.State = StateRecovered
	t.Stopped = StoppedInterrupted
	if err := l.Save(t); err != nil {
		return Take{}, fmt.Errorf("practice: recover take %s: %w", id, err)
	}
	l.removeTemp(id)
	return t, nil
}

// removeTemp deletes the temporary files of Saves that never finished in
// the take's folder. Failing to is harmless: List ignores them.
func (l *Library) removeTemp(id string) {
	dir := filepath.Join(l.Dir, id)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, "."+SidecarName+"-") && strings.HasSuffix(n, ".tmp") {
			_ = os.Remove(filepath.Join(dir, n))
		}
	}
}

// Discard deletes an unfinished take's folder with everything in it, after
// the user chose to. It refuses (ErrNotUnfinished) a finished or damaged
// take; Remove deletes those.
func (l *Library) Discard(id string) error {
	if _, err := l.unfinished(id); err != nil {
		return err
	}
	return l.Remove(id)
}
