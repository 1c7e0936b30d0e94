package practice

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

var start = time.Date(2026, 11, 24, 20, 15, 30, 123456789, time.UTC)

var q07 = Question{ID: "q07", Text: "Tell me about a time you missed a deadline."}

func openLib(t *testing.T) *Library {
	t.Helper()
	l, err := Open(filepath.Join(t.TempDir(), "lib"))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// fullTake makes, fills and saves a take started at when.
func fullTake(t *testing.T, l *Library, q Question, when time.Time) Take {
	t.Helper()
	tk, _, err := l.NewTake(q, when)
	if err != nil {
		t.Fatal(err)
	}
	tk.Duration = 93.5
	tk.SampleRate = 48000
	tk.Device = "USB mic"
	tk.ThinkS = 30
	tk.LimitS = 120
	tk.Strict = true
	tk.Dropped = 2
	tk.Stopped = "user"
	if err := l.Save(tk); err != nil {
		t.Fatal(err)
	}
	return tk
}

func checkMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("mode of %s = %v, want %v", filepath.Base(path), got, want)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range es {
		ns = append(ns, e.Name())
	}
	return ns
}

func TestDefaultDir(t *testing.T) {
	home := func() (string, error) { return "/home/ana", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		name   string
		goos   string
		getenv func(string) string
		home   func() (string, error)
		want   string // "" for an error
	}{
		{"linux xdg", "linux", env("XDG_DATA_HOME", "/data"), noHome, filepath.Join("/data", "FailForward", "takes")},
		{"linux default", "linux", env(), home, filepath.Join("/home/ana", ".local", "share", "FailForward", "takes")},
		{"linux relative xdg ignored", "linux", env("XDG_DATA_HOME", "rel"), home, filepath.Join("/home/ana", ".local", "share", "FailForward", "takes")},
		{"freebsd", "freebsd", env(), home, filepath.Join("/home/ana", ".local", "share", "FailForward", "takes")},
		{"linux no home", "linux", env(), noHome, ""},
		{"macOS", "darwin", env("XDG_DATA_HOME", "/data"), home, filepath.Join("/home/ana", "Library", "Application Support", "FailForward", "takes")},
		{"macOS no home", "darwin", env(), noHome, ""},
		{"windows", "windows", env("LOCALAPPDATA", `C:\Users\ana\AppData\Local`), noHome, filepath.Join(`C:\Users\ana\AppData\Local`, "FailForward", "takes")},
		{"windows no LOCALAPPDATA", "windows", env(), home, filepath.Join("/home/ana", "AppData", "Local", "FailForward", "takes")},
		{"empty home", "linux", env(), func() (string, error) { return "", nil }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := defaultDir(tt.goos, tt.getenv, tt.home)
			if tt.want == "" {
				if err == nil || !strings.HasPrefix(err.Error(), "practice: ") {
					t.Errorf("defaultDir = %q, %v; want a practice: error", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("defaultDir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if d, err := DefaultDir(); err == nil && !filepath.IsAbs(d) {
		t.Errorf("DefaultDir() = %q, want an absolute path", d)
	}
}

func TestOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	l, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if l.Dir != dir {
		t.Errorf("Dir = %q, want %q", l.Dir, dir)
	}
	checkMode(t, dir, 0o700)
	if _, err := Open(dir); err != nil {
		t.Errorf("Open on an existing folder: %v", err)
	}

	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(file); err == nil {
		t.Errorf("Open(a file) succeeded, want an error")
	}
	if _, err := Open(""); err == nil {
		t.Errorf(`Open("") succeeded, want an error`)
	}
}

func TestNewTake(t *testing.T) {
	l := openLib(t)
	tk, dir, err := l.NewTake(q07, start)
	if err != nil {
		t.Fatalf("NewTake: %v", err)
	}
	want := Take{Schema: SchemaVersion, ID: "20261124-201530-q07", QuestionID: "q07", QuestionText: q07.Text, Started: start}
	if !reflect.DeepEqual(tk, want) {
		t.Errorf("NewTake = %+v\nwant %+v", tk, want)
	}
	if wantDir := filepath.Join(l.Dir, want.ID); dir != wantDir {
		t.Errorf("take folder = %q, want %q", dir, wantDir)
	}
	checkMode(t, dir, 0o700)
	if got, want := l.AudioPath(tk.ID), filepath.Join(dir, "answer.wav"); got != want {
		t.Errorf("AudioPath = %q, want %q", got, want)
	}

	// Same second, even a different sub-second: unique folders.
	var ids []string
	for i := range 3 {
		tk, _, err := l.NewTake(q07, start.Add(time.Duration(i)*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tk.ID)
	}
	if want := []string{"20261124-201530-q07-2", "20261124-201530-q07-3", "20261124-201530-q07-4"}; !slices.Equal(ids, want) {
		t.Errorf("IDs of takes in the same second = %v, want %v", ids, want)
	}

	// A question ID that is not folder-safe.
	tk, _, err = l.NewTake(Question{ID: "../x y", Text: "?"}, start)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tk.ID, "20261124-201530-___x_y"; got != want {
		t.Errorf("ID for an unsafe question ID = %q, want %q", got, want)
	}
	if got := tk.QuestionID; got != "../x y" {
		t.Errorf("QuestionID = %q, want it unchanged", got)
	}

	// A real clock reading: the monotonic part is dropped.
	tk, _, err = l.NewTake(q07, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if tk.Started != tk.Started.Round(0) {
		t.Errorf("Started keeps a monotonic clock reading")
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	l := openLib(t)
	saved := fullTake(t, l, q07, start)
	got, err := l.Load(saved.ID)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !got.Started.Equal(saved.Started) {
		t.Errorf("Started = %v, want %v", got.Started, saved.Started)
	}
	got.Started = saved.Started
	if !reflect.DeepEqual(got, saved) {
		t.Errorf("Load = %+v\nwant %+v", got, saved)
	}

	dir := filepath.Join(l.Dir, saved.ID)
	checkMode(t, filepath.Join(dir, SidecarName), 0o600)
	if got, want := names(t, dir), []string{SidecarName}; !slices.Equal(got, want) {
		t.Errorf("take folder holds %v, want %v", got, want)
	}

	// The file uses the documented snake_case keys.
	data, err := os.ReadFile(filepath.Join(dir, SidecarName))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	wantKeys := []string{"device", "dropped_blocks", "duration_s", "id", "limit_s", "question_id", "question_text", "sample_rate", "schema", "start_delay_ms", "started", "stopped", "strict", "think_s"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("take.json keys = %v\nwant %v", keys, wantKeys)
	}

	// Saving again replaces the file; Schema is always stamped.
	saved.Stopped = "limit"
	saved.Schema = 0
	if err := l.Save(saved); err != nil {
		t.Fatal(err)
	}
	got, err = l.Load(saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Stopped != "limit" || got.Schema != SchemaVersion {
		t.Errorf("after a second Save: Stopped = %q, Schema = %d; want limit, %d", got.Stopped, got.Schema, SchemaVersion)
	}
	if got, want := names(t, dir), []string{SidecarName}; !slices.Equal(got, want) {
		t.Errorf("after a second Save the folder holds %v, want %v", got, want)
	}
}

func TestLoadTakesIDFromFolder(t *testing.T) {
	l := openLib(t)
	tk := fullTake(t, l, q07, start)
	renamed := "20261124-201530-q07-9"
	if err := os.Rename(filepath.Join(l.Dir, tk.ID), filepath.Join(l.Dir, renamed)); err != nil {
		t.Fatal(err)
	}
	got, err := l.Load(renamed)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != renamed {
		t.Errorf("ID = %q, want the folder name %q", got.ID, renamed)
	}
}

func TestSaveFailureKeepsOldTake(t *testing.T) {
	errBoom := errors.New("boom")
	for _, step := range []string{"create", "write", "sync", "rename"} {
		t.Run(step, func(t *testing.T) {
			l := openLib(t)
			good := fullTake(t, l, q07, start)
			l.fail = func(s string) error {
				if s == step {
					return errBoom
				}
				return nil
			}
			changed := good
			changed.Stopped = "error: changed"
			err := l.Save(changed)
			if !errors.Is(err, errBoom) {
				t.Errorf("Save = %v, want it to wrap the injected error", err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "practice: save take "+good.ID) {
				t.Errorf("Save error = %q, want a prefix naming the take", err)
			}
			got, err := l.Load(good.ID)
			if err != nil {
				t.Fatalf("Load after a failed Save: %v", err)
			}
			if got.Stopped != good.Stopped {
				t.Errorf("after a failed Save Stopped = %q, want the old %q", got.Stopped, good.Stopped)
			}
			if got, want := names(t, filepath.Join(l.Dir, good.ID)), []string{SidecarName}; !slices.Equal(got, want) {
				t.Errorf("after a failed Save the folder holds %v, want %v (no temp files)", got, want)
			}
		})
	}

	t.Run("read-only folder", func(t *testing.T) {
		if runtime.GOOS == "windows" || os.Geteuid() == 0 {
			t.Skip("folder permissions are not enforced here")
		}
		l := openLib(t)
		good := fullTake(t, l, q07, start)
		dir := filepath.Join(l.Dir, good.ID)
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		changed := good
		changed.Stopped = "limit"
		if err := l.Save(changed); err == nil {
			t.Fatalf("Save into a read-only folder succeeded")
		}
		got, err := l.Load(good.ID)
		if err != nil || got.Stopped != good.Stopped {
			t.Errorf("after a failed Save: Load = %+v, %v; want the old take", got, err)
		}
	})

	t.Run("missing folder", func(t *testing.T) {
		l := openLib(t)
		tk := Take{ID: "20261124-201530-q07"}
		if err := l.Save(tk); err == nil {
			t.Errorf("Save without a take folder succeeded")
		}
		if got := names(t, l.Dir); len(got) != 0 {
			t.Errorf("library holds %v after a failed Save, want nothing", got)
		}
	})
}

func TestInvalidIDs(t *testing.T) {
	l := openLib(t)
	for _, id := range []string{"", ".", "..", "../x", "a/b", "/abs", `a\b`} {
		if runtime.GOOS != "windows" && id == `a\b` {
			continue // a plain name outside Windows
		}
		if _, err := l.Load(id); err == nil {
			t.Errorf("Load(%q) succeeded", id)
		}
		if err := l.Save(Take{ID: id}); err == nil {
			t.Errorf("Save(ID %q) succeeded", id)
		}
		if err := l.Remove(id); err == nil {
			t.Errorf("Remove(%q) succeeded", id)
		}
		if got := l.AudioPath(id); got != "" {
			t.Errorf("AudioPath(%q) = %q, want \"\"", id, got)
		}
	}
}

// validJSON is a good take.json to damage.
const validJSON = `{
  "schema": 1,
  "id": "20261124-201530-q07",
  "question_id": "q07",
  "question_text": "Describe a time you missed a deadline.",
  "started": "2026-11-24T20:15:30Z",
  "duration_s": 93.5,
  "sample_rate": 48000,
  "device": "",
  "think_s": 30,
  "limit_s": 120,
  "strict": true,
  "dropped_blocks": 0,
  "stopped": "user"
}
`

var damagedCases = []struct {
	name    string
	json    string
	newer   bool   // wraps ErrNewerSchema, not ErrDamaged
	problem string // substring of the reason
}{
	{"empty", "", false, "empty"},
	{"truncated", validJSON[:len(validJSON)/2], false, "cut short"},
	{"not JSON", "hello", false, "not valid JSON at byte"},
	{"trailing garbage", validJSON + "}", false, "data after its end"},
	{"two objects", validJSON + validJSON, false, "data after its end"},
	{"array", "[1,2]", false, "not an object"},
	{"wrong type: duration", strings.Replace(validJSON, "93.5", `"93.5"`, 1), false, "duration_s is a JSON string, want a number"},
	{"wrong type: question_id", strings.Replace(validJSON, `"q07",`, "7,", 1), false, "question_id is a JSON number, want a string"},
	{"wrong type: strict", strings.Replace(validJSON, "true", `"yes"`, 1), false, "strict is a JSON string, want true or false"},
	{"wrong type: sample rate", strings.Replace(validJSON, "48000", "48000.5", 1), false, "sample_rate"},
	{"wrong type: started", strings.Replace(validJSON, `"2026-11-24T20:15:30Z"`, "5", 1), false, "field started is not a valid time: 5"},
	{"bad time", strings.Replace(validJSON, "2026-11-24T", "yesterday ", 1), false, "field started is not a valid time"},
	{"negative duration", strings.Replace(validJSON, "93.5", "-1", 1), false, "duration_s is negative"},
	{"no schema", strings.Replace(validJSON, `"schema": 1,`, "", 1), false, "no schema"},
	{"schema not a number", strings.Replace(validJSON, `"schema": 1`, `"schema": "1"`, 1), false, "not a whole number"},
	{"schema zero", strings.Replace(validJSON, `"schema": 1`, `"schema": 0`, 1), false, "invalid schema"},
	{"newer schema", strings.Replace(validJSON, `"schema": 1`, `"schema": 2`, 1), true, "newer version of the app (schema 2"},
	{"newer schema with other types", `{"schema": 9, "duration_s": {"ms": 1}}`, true, "schema 9"},
}

func TestLoadDamaged(t *testing.T) {
	for _, tt := range damagedCases {
		t.Run(tt.name, func(t *testing.T) {
			l := openLib(t)
			tk, _, err := l.NewTake(q07, start)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(l.Dir, tk.ID, SidecarName), []byte(tt.json), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := l.Load(tk.ID)
			if err == nil {
				t.Fatalf("Load = %+v, nil; want an error", got)
			}
			want := ErrDamaged
			if tt.newer {
				want = ErrNewerSchema
			}
			if !errors.Is(err, want) {
				t.Errorf("Load error %q does not wrap %v", err, want)
			}
			var te *TakeError
			if !errors.As(err, &te) {
				t.Fatalf("Load error %q is not a *TakeError", err)
			}
			t.Logf("reason: %s", te.Reason)
			if te.ID != tk.ID || !strings.Contains(te.Reason, tt.problem) {
				t.Errorf("TakeError = {ID:%q Reason:%q}, want ID %q and a reason containing %q", te.ID, te.Reason, tk.ID, tt.problem)
			}
			if prefix := "practice: take " + tk.ID + ": "; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q, want prefix %q", err, prefix)
			}
		})
	}
}

func TestLoadLenient(t *testing.T) {
	// Spacing after the object and fields this version does not know (from
	// a later release of the same schema) are fine.
	for name, js := range map[string]string{
		"trailing spaces": validJSON + "\n\n  \t",
		"unknown field":   strings.Replace(validJSON, `"schema": 1,`, `"schema": 1, "mood": "calm",`, 1),
	} {
		l := openLib(t)
		tk, _, err := l.NewTake(q07, start)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(l.Dir, tk.ID, SidecarName), []byte(js), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := l.Load(tk.ID)
		if err != nil || got.Duration != 93.5 {
			t.Errorf("%s: Load = %+v, %v; want the take", name, got, err)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	l := openLib(t)
	_, err := l.Load("20261124-201530-q07")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing take = %v, want an error wrapping fs.ErrNotExist", err)
	}
}

func TestList(t *testing.T) {
	l := openLib(t)
	base := time.Date(2026, 11, 24, 20, 0, 0, 0, time.Local)
	old := fullTake(t, l, q07, base.Add(-48*time.Hour))
	newest := fullTake(t, l, Question{ID: "q01", Text: seedTexts[0]}, base.Add(time.Hour))
	mid := fullTake(t, l, q07, base)
	sameSecond := fullTake(t, l, q07, base.Add(500*time.Millisecond)) // -2 suffix, later start

	// An unfinished take: folder and audio, no take.json.
	unfinished, dir, err := l.NewTake(Question{ID: "q05"}, base.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, AudioName), []byte("RIFF"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Damaged takes: truncated, and from a newer version.
	truncated, dir, err := l.NewTake(Question{ID: "q09"}, base.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, SidecarName), []byte(validJSON[:40]), 0o600); err != nil {
		t.Fatal(err)
	}
	newer, dir, err := l.NewTake(Question{ID: "q10"}, base.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, SidecarName), []byte(`{"schema": 3}`), 0o600); err != nil {
		t.Fatal(err)
	}
	// Things that are not takes: ignored.
	for _, d := range []string{"photos", ".hidden"} {
		if err := os.Mkdir(filepath.Join(l.Dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(l.Dir, "notes.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}

	takes, err := l.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	type row struct {
		ID, QuestionID string
		Status         Status
		Problem        string // substring
	}
	want := []row{
		{unfinished.ID, "q05", Unfinished, "no take.json"},
		{newest.ID, "q01", OK, ""},
		{sameSecond.ID, "q07", OK, ""},
		{mid.ID, "q07", OK, ""},
		{truncated.ID, "q09", Damaged, "cut short"},
		{newer.ID, "q10", Damaged, "newer version"},
		{old.ID, "q07", OK, ""},
	}
	var got []row
	for _, tk := range takes {
		got = append(got, row{tk.ID, tk.QuestionID, tk.Status, tk.Problem})
	}
	if len(got) != len(want) {
		t.Fatalf("List returned %d takes:\n%+v\nwant %d:\n%+v", len(got), got, len(want), want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.QuestionID != w.QuestionID || g.Status != w.Status || !strings.Contains(g.Problem, w.Problem) || (w.Problem == "") != (g.Problem == "") {
			t.Errorf("take %d = %+v, want %+v", i, g, w)
		}
	}
	for _, tk := range takes {
		if (tk.Status == OK) != (tk.Err == nil) {
			t.Errorf("take %s: Status %v with Err %v", tk.ID, tk.Status, tk.Err)
		}
		if tk.Status != OK && tk.Started.IsZero() {
			t.Errorf("take %s: Started not recovered from the folder name", tk.ID)
		}
	}
	if sameSecond.ID != mid.ID+"-2" {
		t.Errorf("second take in the same second has ID %q, want %q", sameSecond.ID, mid.ID+"-2")
	}
	if !takes[len(takes)-1].Started.Equal(old.Started) {
		t.Errorf("last take started %v, want %v", takes[len(takes)-1].Started, old.Started)
	}
}

func TestListEmptyAndMissing(t *testing.T) {
	l := openLib(t)
	takes, err := l.List()
	if err != nil || len(takes) != 0 {
		t.Errorf("List of an empty library = %v, %v; want nothing", takes, err)
	}
	gone := &Library{Dir: filepath.Join(t.TempDir(), "missing")}
	if _, err := gone.List(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("List of a missing folder = %v, want fs.ErrNotExist", err)
	}
}

func TestRemove(t *testing.T) {
	l := openLib(t)
	keep := fullTake(t, l, q07, start)
	drop := fullTake(t, l, q07, start.Add(time.Minute))
	if err := os.WriteFile(l.AudioPath(drop.ID), []byte("RIFF"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := l.Remove(drop.ID); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if got, want := names(t, l.Dir), []string{keep.ID}; !slices.Equal(got, want) {
		t.Errorf("after Remove the library holds %v, want %v", got, want)
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{OK: "ok", Unfinished: "unfinished", Damaged: "damaged", Status(9): "Status(9)"} {
		if got := s.String(); got != want {
			t.Errorf("Status(%d).String() = %q, want %q", int(s), got, want)
		}
	}
}
