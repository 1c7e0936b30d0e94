package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"failforward/practice"
)

// newTake saves a take with the given parts in a fresh library and
// returns its folder.
func newTake(t *testing.T, parts []practice.Part) string {
	t.Helper()
	lib, err := practice.Open(filepath.Join(t.TempDir(), "takes"))
	if err != nil {
		t.Fatal(err)
	}
	q := practice.Question{ID: "q07", Text: "Tell me about a time you missed a deadline."}
	tk, dir, err := lib.NewTake(q, time.Date(2026, 11, 24, 20, 15, 30, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	tk.Duration = 93.5
	tk.SampleRate = 48000
	tk.LimitS = 120
	tk.Parts = parts
	if err := lib.Save(tk); err != nil {
		t.Fatal(err)
	}
	return dir
}

var someParts = []practice.Part{
	{Kind: practice.Situation, Start: 0, End: 12.345},
	{Kind: practice.Action, Start: 12.345, End: 80},
	{Kind: practice.Lesson, Start: 85.5, End: 93.5},
}

func run(t *testing.T, cmd string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	c, ok := Lookup(cmd)
	if !ok {
		t.Fatalf("no command %q", cmd)
	}
	var out, errb strings.Builder
	code = c.Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExportFormats(t *testing.T) {
	dir := newTake(t, someParts)
	audacity := "0.000000\t12.345000\tSituation\n12.345000\t80.000000\tAction\n85.500000\t93.500000\tLesson\n"
	vtt := "WEBVTT\n\n1\n00:00:00.000 --> 00:00:12.345\nSituation\n\n2\n00:00:12.345 --> 00:01:20.000\nAction\n\n3\n00:01:25.500 --> 00:01:33.500\nLesson\n\n"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{dir}, audacity},
		{[]string{dir, "--format", "audacity"}, audacity},
		{[]string{"--format=vtt", dir}, vtt},
		{[]string{dir, "-format", "webvtt"}, vtt},
	} {
		code, out, errs := run(t, "export", tt.args...)
		if code != 0 || out != tt.want || errs != "" {
			t.Errorf("export %q: code %d, stderr %q, stdout\n%q\nwant\n%q", tt.args, code, errs, out, tt.want)
		}
	}

	// JSON: the take and its parts.
	code, out, errs := run(t, "export", dir, "--format", "json")
	if code != 0 || errs != "" {
		t.Fatalf("export --format json: code %d, stderr %q", code, errs)
	}
	var got struct {
		ID       string          `json:"id"`
		Question string          `json:"question_id"`
		Duration float64         `json:"duration_s"`
		Parts    []practice.Part `json:"parts"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("export --format json wrote %q: %v", out, err)
	}
	if got.ID != filepath.Base(dir) || got.Question != "q07" || got.Duration != 93.5 || !slices.Equal(got.Parts, someParts) {
		t.Errorf("export --format json = %+v", got)
	}
	if !strings.Contains(out, `"kind": "situation"`) || !strings.Contains(out, `"start_s": 12.345`) {
		t.Errorf("JSON parts are not in take.json's form:\n%s", out)
	}

	// -o writes a file and nothing to stdout.
	file := filepath.Join(t.TempDir(), "chapters.vtt")
	code, out, errs = run(t, "export", dir, "--format", "vtt", "-o", file)
	data, err := os.ReadFile(file)
	if code != 0 || out != "" || errs != "" || err != nil || string(data) != vtt {
		t.Errorf("export -o: code %d, stdout %q, stderr %q, file %q (%v)", code, out, errs, data, err)
	}
}

func TestExportNoParts(t *testing.T) {
	dir := newTake(t, nil)
	code, out, errs := run(t, "export", dir, "--format", "vtt")
	if code != 0 || out != "WEBVTT\n\n" || !strings.Contains(errs, "no tagged parts yet") {
		t.Errorf("export of an untagged take: code %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, _ = run(t, "export", dir, "--format", "json")
	if code != 0 || !strings.Contains(out, `"parts": []`) {
		t.Errorf("JSON export of an untagged take: code %d, %q", code, out)
	}
}

func TestExportBareID(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	lib, err := practice.DefaultDir()
	if err != nil {
		t.Skip("no default library folder here:", err)
	}
	dir := newTake(t, someParts)
	id := filepath.Base(dir)
	if err := os.MkdirAll(lib, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dir, filepath.Join(lib, id)); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	code, out, errs := run(t, "export", id)
	if code != 0 || !strings.HasPrefix(out, "0.000000\t12.345000\tSituation\n") {
		t.Errorf("export %s from the default library: code %d, stdout %q, stderr %q", id, code, out, errs)
	}
}

func TestExportErrors(t *testing.T) {
	good := newTake(t, someParts)
	empty := t.TempDir()
	file := filepath.Join(empty, "answer.wav")
	os.WriteFile(file, []byte("RIFF"), 0o600)
	damaged := newTake(t, nil)
	os.WriteFile(filepath.Join(damaged, practice.SidecarName), []byte(`{"schema": 1, "duration_s": 10, "parts": [{"kind":"task","start_s":0,"end_s":20}]}`), 0o600)
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no arguments", nil, 2, "want one take folder, got 0 arguments"},
		{"two folders", []string{good, good}, 2, "got 2 arguments"},
		{"unknown flag", []string{good, "--colour"}, 2, "flag provided but not defined"},
		{"unknown format", []string{good, "--format", "srt"}, 2, `unknown format "srt": use audacity, vtt or json`},
		{"missing folder", []string{filepath.Join(empty, "nope")}, 1, "no take folder"},
		{"a file", []string{file}, 1, "is a file: give the folder of one take"},
		{"no take.json", []string{empty}, 1, "has no take.json"},
		{"damaged", []string{damaged}, 1, "field parts: part 1 (Task) ends at 20.000 s, after the end of the take at 10.000 s"},
		{"unwritable output", []string{good, "-o", filepath.Join(empty, "no", "such", "dir.txt")}, 1, "cannot write the file"},
	} {
		code, out, errs := run(t, "export", tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) || !strings.HasPrefix(errs, "failforward export: ") && tt.code != 2 {
			t.Errorf("%s: code %d, stderr %q; want %d and %q", tt.name, code, errs, tt.code, tt.want)
		}
		if out != "" {
			t.Errorf("%s: stdout %q, want nothing", tt.name, out)
		}
	}
}

func loadParts(t *testing.T, dir string) []practice.Part {
	t.Helper()
	lib := &practice.Library{Dir: filepath.Dir(dir)}
	tk, err := lib.Load(filepath.Base(dir))
	if err != nil {
		t.Fatal(err)
	}
	return tk.Parts
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "labels.txt")
	if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestImportLabels(t *testing.T) {
	dir := newTake(t, nil)
	labels := writeFile(t, "0.000000\t0.000000\tSituation\r\n10.000000\t10.000000\tTask\r\n\\\t100.0\t3000.0\r\n20.000000\t80.000000\tAction\r\n85.5\t93.5\t lesson \r\n")
	code, out, errs := run(t, "import-labels", dir, labels)
	if code != 0 || errs != "" || !strings.Contains(out, "Tagged 4 parts on take "+filepath.Base(dir)) {
		t.Fatalf("import-labels: code %d, stdout %q, stderr %q", code, out, errs)
	}
	want := []practice.Part{
		{Kind: practice.Situation, Start: 0, End: 10},
		{Kind: practice.Task, Start: 10, End: 20},
		{Kind: practice.Action, Start: 20, End: 80},
		{Kind: practice.Lesson, Start: 85.5, End: 93.5},
	}
	if got := loadParts(t, dir); !slices.Equal(got, want) {
		t.Errorf("after import, take.json parts = %+v\nwant %+v", got, want)
	}

	// The take has parts now: replacing them needs --replace.
	other := writeFile(t, "0\t93.5\tAction\n")
	code, _, errs = run(t, "import-labels", dir, other)
	if code != 1 || !strings.Contains(errs, "already has 4 tagged parts; add --replace") {
		t.Errorf("import over parts: code %d, stderr %q", code, errs)
	}
	if got := loadParts(t, dir); !slices.Equal(got, want) {
		t.Errorf("a refused import changed the parts to %+v", got)
	}
	code, _, errs = run(t, "import-labels", "--replace", dir, other)
	if got := loadParts(t, dir); code != 0 || len(got) != 1 || got[0].Kind != practice.Action {
		t.Errorf("import --replace: code %d, stderr %q, parts %+v", code, errs, got)
	}
}

func TestImportLabelsErrors(t *testing.T) {
	dir := newTake(t, someParts)
	bad := writeFile(t, "0\t10\tSituation\n10\t20\tIntro\nten\t30\tAction\n30 40 Result\n50\t200\tLesson\n")
	for _, tt := range []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		{"no arguments", nil, 2, []string{"want a take folder and a label file, got 0 arguments"}},
		{"missing label file", []string{dir, filepath.Join(t.TempDir(), "none.txt")}, 1, []string{"cannot read the label file"}},
		{"bad lines", []string{dir, bad, "--replace"}, 1, []string{
			bad + " line 3: start time \"ten\" is not a number of seconds",
			bad + " line 4: want start<TAB>end<TAB>label, and this line has no tabs",
			"nothing was changed; fix the lines above",
		}},
		{"unknown and out of range", []string{dir, writeFile(t, "0\t10\tSituation\n10\t20\tIntro\n50\t200\tLesson\n"), "--replace"}, 1, []string{
			"line 2: unknown label \"Intro\": want Situation, Task, Action, Result or Lesson",
			"line 3: Lesson ends at 200.000 s, after the end of the take (93.500 s)",
		}},
		{"empty file", []string{dir, writeFile(t, "\n\n"), "--replace"}, 1, []string{"holds no labels; nothing was changed"}},
	} {
		code, out, errs := run(t, "import-labels", tt.args...)
		if code != tt.code || out != "" {
			t.Errorf("%s: code %d, stdout %q; want %d and nothing", tt.name, code, out, tt.code)
		}
		for _, w := range tt.wants {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: stderr %q lacks %q", tt.name, errs, w)
			}
		}
		for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
			if tt.code == 1 && !strings.HasPrefix(line, "failforward import-labels: ") {
				t.Errorf("%s: stderr line %q lacks the command name", tt.name, line)
			}
		}
	}
	if got := loadParts(t, dir); !slices.Equal(got, someParts) {
		t.Errorf("failed imports changed the parts to %+v", got)
	}
}
