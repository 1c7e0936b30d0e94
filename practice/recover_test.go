package practice

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeWAV writes a canonical 16-bit mono WAV header at rate followed by
// frames silent frames, with the header's sizes left at zero as a writer
// killed before its first patch would leave them.
func writeWAV(t *testing.T, path string, rate, frames int) {
	t.Helper()
	b := make([]byte, 44+2*frames)
	copy(b, "RIFF\x00\x00\x00\x00WAVEfmt ")
	le := binary.LittleEndian
	le.PutUint32(b[16:], 16)
	le.PutUint16(b[20:], 1)
	le.PutUint16(b[22:], 1)
	le.PutUint32(b[24:], uint32(rate))
	le.PutUint32(b[28:], uint32(2*rate))
	le.PutUint16(b[32:], 2)
	le.PutUint16(b[34:], 16)
	copy(b[36:], "data")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// fakeRepair is a RepairFunc that reads the length from the file size, as
// wavfile.Repair would, and records the paths it was given.
type fakeRepair struct {
	paths []string
	err   error
}

func (f *fakeRepair) repair(path string) (int, int64, error) {
	f.paths = append(f.paths, path)
	if f.err != nil {
		return 0, 0, f.err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return 0, 0, err
	}
	return 16000, (fi.Size() - 44) / 2, nil
}

// recordingTake starts a take as the app does: NewTake, then SaveRecording
// with the parts tagged so far, then the audio.
func recordingTake(t *testing.T, l *Library, q Question, when time.Time, recorded float64, parts []Part, frames int) Take {
	t.Helper()
	tk, _, err := l.NewTake(q, when)
	if err != nil {
		t.Fatal(err)
	}
	tk.SampleRate = 16000
	tk.Device = "USB mic"
	tk.LimitS = 120
	tk.ThinkS = 30
	tk.Duration = recorded
	tk.Parts = parts
	if err := l.SaveRecording(tk); err != nil {
		t.Fatal(err)
	}
	if frames >= 0 {
		writeWAV(t, l.AudioPath(tk.ID), 16000, frames)
	}
	return tk
}

func TestSaveRecordingIsUnfinished(t *testing.T) {
	l := openLib(t)
	base := time.Date(2026, 11, 24, 20, 0, 0, 0, time.Local)
	done := fullTake(t, l, q07, base)
	rec := recordingTake(t, l, q07, base.Add(time.Minute), 2, []Part{{Kind: Situation, Start: 0.5, End: 2}}, 48000)
	if rec.State != StateDone {
		t.Errorf("SaveRecording changed its argument's State to %q", rec.State)
	}
	loaded, err := l.Load(rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.State != StateRecording {
		t.Errorf("take.json State = %q, want %q", loaded.State, StateRecording)
	}
	takes, err := l.List()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Status{}
	for _, tk := range takes {
		got[tk.ID] = tk.Status
		if tk.ID == rec.ID && (tk.Problem != interruptedProblem || tk.QuestionText != q07.Text) {
			t.Errorf("listed interrupted take: problem %q, question %q", tk.Problem, tk.QuestionText)
		}
	}
	if want := map[string]Status{done.ID: OK, rec.ID: Unfinished}; !reflect.DeepEqual(got, want) {
		t.Errorf("List statuses = %v, want %v", got, want)
	}
}

func TestSaveRecordingRefusesPartsPastTheEnd(t *testing.T) {
	l := openLib(t)
	tk, _, err := l.NewTake(q07, start)
	if err != nil {
		t.Fatal(err)
	}
	tk.Duration = 1
	tk.Parts = []Part{{Kind: Action, Start: 0.5, End: 3}}
	if err := l.SaveRecording(tk); err == nil || !strings.Contains(err.Error(), "after the end of the take") {
		t.Errorf("SaveRecording with a part past the recorded length = %v, want an error", err)
	}
	if _, err := l.Load(tk.ID); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after the refused save: Load = %v, want no take.json", err)
	}
}

func TestUnfinished(t *testing.T) {
	l := openLib(t)
	base := time.Date(2026, 11, 24, 20, 0, 0, 0, time.Local)
	fullTake(t, l, q07, base)
	withSidecar := recordingTake(t, l, q07, base.Add(time.Minute), 1, nil, 16000*3)
	// Killed before take.json was first saved: folder and audio only.
	bare, dir, err := l.NewTake(Question{ID: "q01"}, base.Add(2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	writeWAV(t, filepath.Join(dir, AudioName), 8000, 8000*5/2)
	// Killed before any audio.
	noAudio := recordingTake(t, l, Question{ID: "q02", Text: "Q2"}, base.Add(3*time.Minute), 0, nil, -1)
	// Damaged: shown by List, never offered for recovery.
	damaged, dir, err := l.NewTake(q07, base.Add(4*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, SidecarName), []byte(`{"schema":1,"state":"record`), 0o600); err != nil {
		t.Fatal(err)
	}

	got, err := l.Unfinished()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID       string
		Question string
		Sidecar  bool
		Bytes    int64
		About    time.Duration
	}
	want := []row{
		{noAudio.ID, "Q2", true, 0, 0},
		{bare.ID, Questions()[0].Text, false, 44 + 2*20000, 2500 * time.Millisecond},
		{withSidecar.ID, q07.Text, true, 44 + 2*48000, 3 * time.Second},
	}
	var rows []row
	for _, u := range got {
		rows = append(rows, row{u.Take.ID, u.Take.QuestionText, u.Sidecar, u.AudioBytes, u.About})
		if u.Take.Status != Unfinished || u.Take.Problem != interruptedProblem {
			t.Errorf("take %s: status %v, problem %q", u.Take.ID, u.Take.Status, u.Take.Problem)
		}
		if u.Take.ID == damaged.ID {
			t.Errorf("damaged take %s offered for recovery", damaged.ID)
		}
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("Unfinished =\n%+v\nwant\n%+v", rows, want)
	}
	if got[1].Take.Started.IsZero() || got[1].Take.QuestionID != "q01" {
		t.Errorf("bare take: started %v, question %q; want both from the folder name", got[1].Take.Started, got[1].Take.QuestionID)
	}
}

func TestRecover(t *testing.T) {
	l := openLib(t)
	parts := []Part{
		{Kind: Situation, Start: 0.2, End: 1.1},
		{Kind: Action, Start: 1.1, End: 2.5}, // still running when saved
	}
	tk := recordingTake(t, l, q07, start, 2.5, parts, 16000*4)
	// A Save the crash interrupted left its temporary file behind.
	tmp := filepath.Join(l.Dir, tk.ID, "."+SidecarName+"-123.tmp")
	if err := os.WriteFile(tmp, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	fr := &fakeRepair{}
	got, err := l.Recover(tk.ID, fr.repair)
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}
	if want := []string{l.AudioPath(tk.ID)}; !slices.Equal(fr.paths, want) {
		t.Errorf("repaired %v, want %v", fr.paths, want)
	}
	wantParts := []Part{{Kind: Situation, Start: 0.2, End: 1.1}, {Kind: Action, Start: 1.1, End: 4}}
	if got.State != StateRecovered || got.Stopped != StoppedInterrupted || got.Duration != 4 || got.SampleRate != 16000 ||
		!reflect.DeepEqual(got.Parts, wantParts) || got.QuestionText != q07.Text || got.Device != "USB mic" || got.LimitS != 120 {
		t.Errorf("recovered take = %+v", got)
	}
	loaded, err := l.Load(tk.ID)
	if err != nil {
		t.Fatalf("Load after Recover: %v", err)
	}
	loaded.Status, got.Status = 0, 0
	if !reflect.DeepEqual(loaded, got) {
		t.Errorf("saved take = %+v\nwant %+v", loaded, got)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temporary file left: %v", err)
	}
	if us, _ := l.Unfinished(); len(us) != 0 {
		t.Errorf("still unfinished after Recover: %+v", us)
	}
	if _, err := l.Recover(tk.ID, fr.repair); !errors.Is(err, ErrNotUnfinished) {
		t.Errorf("second Recover = %v, want ErrNotUnfinished", err)
	}
}

func TestRecoverCutsPartsToTheAudio(t *testing.T) {
	l := openLib(t)
	parts := []Part{{Kind: Situation, Start: 0, End: 1}, {Kind: Task, Start: 1, End: 2}, {Kind: Result, Start: 2.5, End: 3}}
	// The sidecar says 3 s were recorded; only 1.5 s reached the disk.
	tk := recordingTake(t, l, q07, start, 3, parts, 24000)
	got, err := l.Recover(tk.ID, (&fakeRepair{}).repair)
	if err != nil {
		t.Fatal(err)
	}
	want := []Part{{Kind: Situation, Start: 0, End: 1}, {Kind: Task, Start: 1, End: 1.5}}
	if !reflect.DeepEqual(got.Parts, want) || got.Duration != 1.5 {
		t.Errorf("recovered %v s with parts %+v, want 1.5 s with %+v", got.Duration, got.Parts, want)
	}
	if _, err := l.Load(tk.ID); err != nil {
		t.Errorf("Load after Recover: %v", err)
	}
}

func TestRecoverWithoutSidecar(t *testing.T) {
	l := openLib(t)
	tk, dir, err := l.NewTake(Question{ID: "q03"}, start)
	if err != nil {
		t.Fatal(err)
	}
	writeWAV(t, filepath.Join(dir, AudioName), 16000, 16000)
	got, err := l.Recover(tk.ID, (&fakeRepair{}).repair)
	if err != nil {
		t.Fatal(err)
	}
	if got.QuestionID != "q03" || got.QuestionText != Questions()[2].Text || got.Duration != 1 ||
		got.State != StateRecovered || got.Started.IsZero() || got.Parts != nil {
		t.Errorf("recovered take = %+v", got)
	}
	if _, err := l.Load(tk.ID); err != nil {
		t.Errorf("Load after Recover: %v", err)
	}
}

func TestRecoverRefused(t *testing.T) {
	l := openLib(t)
	done := fullTake(t, l, q07, start)
	if err := os.WriteFile(l.AudioPath(done.ID), []byte("RIFF"), 0o600); err != nil {
		t.Fatal(err)
	}
	damaged, dir, err := l.NewTake(q07, start.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, SidecarName), []byte(`{"schema": 99}`), 0o600); err != nil {
		t.Fatal(err)
	}
	noAudio := recordingTake(t, l, q07, start.Add(2*time.Minute), 0, nil, -1)
	empty := recordingTake(t, l, q07, start.Add(3*time.Minute), 0, nil, -1)
	if err := os.WriteFile(l.AudioPath(empty.ID), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	broken := recordingTake(t, l, q07, start.Add(4*time.Minute), 0, nil, 100)
	headerOnly := recordingTake(t, l, q07, start.Add(5*time.Minute), 0, nil, 0)
	if err := os.Mkdir(filepath.Join(l.Dir, "photos"), 0o700); err != nil {
		t.Fatal(err)
	}
	repairErr := errors.New("wavfile: not a WAV file")
	tests := []struct {
		name   string
		id     string
		repair *fakeRepair
		want   error
	}{
		{"finished", done.ID, &fakeRepair{}, ErrNotUnfinished},
		{"damaged", damaged.ID, &fakeRepair{}, ErrNotUnfinished},
		{"not a take", "photos", &fakeRepair{}, ErrNotUnfinished},
		{"missing", "20260101-000000-q01", &fakeRepair{}, fs.ErrNotExist},
		{"bad id", "../x", &fakeRepair{}, nil},
		{"no audio", noAudio.ID, &fakeRepair{}, ErrNoAudio},
		{"empty audio", empty.ID, &fakeRepair{}, ErrNoAudio},
		{"repair fails", broken.ID, &fakeRepair{err: repairErr}, repairErr},
		{"header only", headerOnly.ID, &fakeRepair{}, ErrNoAudio},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := relSnapshot(t, l.Dir)
			_, err := l.Recover(tt.id, tt.repair.repair)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Errorf("Recover = %v, want an error wrapping %v", err, tt.want)
			}
			if tt.want == ErrNotUnfinished || (tt.want == ErrNoAudio && tt.id != headerOnly.ID) {
				if len(tt.repair.paths) != 0 {
					t.Errorf("repair called on %v", tt.repair.paths)
				}
			}
			if after := relSnapshot(t, l.Dir); !reflect.DeepEqual(after, before) {
				t.Errorf("Recover changed the library:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestDiscard(t *testing.T) {
	l := openLib(t)
	done := fullTake(t, l, q07, start)
	rec := recordingTake(t, l, q07, start.Add(time.Minute), 0, nil, 100)
	bare, _, err := l.NewTake(q07, start.Add(2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Discard(done.ID); !errors.Is(err, ErrNotUnfinished) {
		t.Errorf("Discard of a finished take = %v, want ErrNotUnfinished", err)
	}
	for _, id := range []string{rec.ID, bare.ID} {
		if err := l.Discard(id); err != nil {
			t.Errorf("Discard(%s): %v", id, err)
		}
	}
	if got, want := names(t, l.Dir), []string{done.ID}; !slices.Equal(got, want) {
		t.Errorf("after Discard the library holds %v, want %v", got, want)
	}
}
