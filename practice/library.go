package practice

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SchemaVersion is the take.json format this package writes and the newest
// it reads.
const SchemaVersion = 1

// Names inside the library.
const (
	AppName     = "FailForward" // folder under the user data directory
	AudioName   = "answer.wav"  // the answer recording in a take folder
	SidecarName = "take.json"   // the take's metadata in a take folder
)

// idLayout is the time part of a take ID.
const idLayout = "20060102-150405"

// takeName matches the folder names NewTake makes: time, question ID and,
// for a second take in the same second, a counter.
var takeName = regexp.MustCompile(`^([0-9]{8}-[0-9]{6})-([A-Za-z0-9_]+)(?:-([0-9]+))?$`)

// Take is the metadata of one recorded answer, stored as take.json next to
// its answer.wav.
type Take struct {
	Schema       int       `json:"schema"`        // SchemaVersion when saved
	ID           string    `json:"id"`            // folder name, e.g. 20261124-201530-q07
	QuestionID   string    `json:"question_id"`   // Question.ID
	QuestionText string    `json:"question_text"` // the text as it was asked
	Started      time.Time `json:"started"`       // when the take started
	Duration     float64   `json:"duration_s"`    // answer length in seconds
	SampleRate   int       `json:"sample_rate"`   // of answer.wav, in Hz
	Device       string    `json:"device"`        // input device name, "" for the default
	ThinkS       float64   `json:"think_s"`       // think time allowed, seconds
	LimitS       float64   `json:"limit_s"`       // answer limit, seconds
	Strict       bool      `json:"strict"`        // the take stopped at the limit
	Dropped      uint64    `json:"dropped_blocks"`
	Stopped      string    `json:"stopped"` // "user", "limit" or "error: ..."
	// StartDelayMS is how long after the answer began the first recorded
	// sample was captured, in milliseconds (negative: slightly before).
	StartDelayMS float64 `json:"start_delay_ms"`
	// Parts are the tagged STAR parts, in time order (see CheckParts);
	// times are saved rounded to the millisecond.
	Parts []Part `json:"parts,omitempty"`
	// State is StateDone ("") for a finished take, StateRecording while the
	// answer is being recorded (see SaveRecording) and StateRecovered for a
	// take rescued by Recover.
	State string `json:"state,omitempty"`
	// Review is the user's self-review of the take.
	Review SelfReview `json:"review,omitzero"`
	// StoryID is the notebook story the take tells, "" for none.
	StoryID string `json:"story_id,omitempty"`
	// Measures are figures of the take's sound, kept from the last time it
	// was analysed; nil for a take not analysed since they were added.
	Measures *Measures `json:"measures,omitempty"`

	// Status, Problem and Err are set by List and never saved. For a take
	// that is not OK, only ID and what its folder name tells (Started,
	// QuestionID) are filled in; Problem says what is wrong in a few words
	// and Err is the full error.
	Status  Status `json:"-"`
	Problem string `json:"-"`
	Err     error  `json:"-"`
}

// Measures are figures of a take's sound kept in take.json when the take
// is analysed, so that screens over many takes (progress) need not analyse
// every recording again.
type Measures struct {
	// FilledPauses counts the hesitation sounds (um, uh) heard, and
	// FilledPausesPerMin is their number per minute of the span from the
	// first word to the last.
	FilledPauses       int     `json:"filled_pauses"`
	FilledPausesPerMin float64 `json:"filled_pauses_per_min"`
}

// Status tells whether a take listed by List could be read.
type Status int

// Take statuses.
const (
	OK         Status = iota // take.json read fine
	Unfinished               // a take folder without take.json: the recording was never saved
	Damaged                  // take.json could not be read, or is from a newer version
)

// String returns "ok", "unfinished" or "damaged".
func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case Unfinished:
		return "unfinished"
	case Damaged:
		return "damaged"
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// ErrDamaged is wrapped by errors about a take.json that cannot be read.
var ErrDamaged = errors.New("practice: damaged take")

// ErrNewerSchema is wrapped by errors about a take.json written by a newer
// version of the app.
var ErrNewerSchema = errors.New("practice: take from a newer version")

// TakeError describes why a take could not be loaded.
type TakeError struct {
	ID     string // take ID
	Reason string // a few words for the user, e.g. "take.json is cut short"
	Err    error  // the underlying error, if any
	kind   error  // ErrDamaged, ErrNewerSchema or nil
}

func (e *TakeError) Error() string { return "practice: " + e.Message() }

// Message reads "take ID: " and the reason.
func (e *TakeError) Message() string { return fmt.Sprintf("take %s: %s", e.ID, e.Reason) }

// Unwrap returns the kind of problem (ErrDamaged, ErrNewerSchema) and the
// underlying error, such as one wrapping fs.ErrNotExist.
func (e *TakeError) Unwrap() []error { return nonNil(e.kind, e.Err) }

// nonNil returns the errors of errs that are not nil, for an Unwrap.
func nonNil(errs ...error) []error {
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

// Library is a folder of takes, one subfolder per take holding answer.wav
// and take.json. Its methods may be called from several goroutines as long
// as they do not work on the same take at the same time.
type Library struct {
	Dir string

	// fail, when set by tests, is called at each step of Save and can make
	// it fail there.
	fail func(step string) error
}

// DefaultDir returns the default library folder, "FailForward/takes" in the
// user's data directory: $XDG_DATA_HOME (or ~/.local/share) on Linux and
// other Unix systems, ~/Library/Application Support on macOS and
// %LOCALAPPDATA% on Windows.
func DefaultDir() (string, error) {
	return defaultDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

func defaultDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	fromHome := func(elem ...string) (string, error) {
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("practice: no user data directory: %w", err)
		}
		if h == "" {
			return "", errors.New("practice: no user data directory: home directory unknown")
		}
		return filepath.Join(append([]string{h}, elem...)...), nil
	}
	var base string
	var err error
	switch goos {
	case "windows":
		base = getenv("LOCALAPPDATA")
		if base == "" {
			base, err = fromHome("AppData", "Local")
		}
	case "darwin", "ios":
		base, err = fromHome("Library", "Application Support")
	default:
		// The XDG spec says to ignore a relative XDG_DATA_HOME.
		base = getenv("XDG_DATA_HOME")
		if base == "" || !filepath.IsAbs(base) {
			base, err = fromHome(".local", "share")
		}
	}
	if err != nil {
		return "", err
	}
	return filepath.Join(base, AppName, "takes"), nil
}

// Open returns the library in dir, creating dir (mode 0700) if needed.
func Open(dir string) (*Library, error) {
	if dir == "" {
		return nil, errors.New("practice: open library: empty folder name")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("practice: open library: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("practice: open library: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("practice: open library: %s is not a folder", dir)
	}
	return &Library{Dir: dir}, nil
}

// checkID reports whether id can name a take folder: one plain path
// element.
func checkID(id string) error {
	if id == "" || id == "." || id == ".." || filepath.Base(id) != id || !filepath.IsLocal(id) {
		return fmt.Errorf("practice: invalid take id %q", id)
	}
	return nil
}

// folderSafe maps a question ID to letters, digits and "_".
func folderSafe(qid string) string {
	b := []byte(qid)
	for i, c := range b {
		if !isIDRune(rune(c)) {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "q"
	}
	if len(b) > MaxIDLen {
		b = b[:MaxIDLen]
	}
	return string(b)
}

// NewTake creates the folder (mode 0700) for a new take of q started at
// started and returns the take's first fields and the folder's path. The
// folder is named <yyyymmdd-hhmmss>-<question id> in started's location; a
// second take in the same second gets "-2", then "-3" and so on. Nothing
// is saved: call Save once the take is recorded. Until then List reports
// the folder as Unfinished.
func (l *Library) NewTake(q Question, started time.Time) (Take, string, error) {
	started = started.Round(0) // drop the monotonic clock reading
	base := started.Format(idLayout) + "-" + folderSafe(q.ID)
	for n := 1; n <= 1000; n++ {
		id := base
		if n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		dir := filepath.Join(l.Dir, id)
		err := os.Mkdir(dir, 0o700)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return Take{}, "", fmt.Errorf("practice: new take: %w", err)
		}
		return Take{
			Schema:       SchemaVersion,
			ID:           id,
			QuestionID:   q.ID,
			QuestionText: q.Text,
			Started:      started,
		}, dir, nil
	}
	return Take{}, "", fmt.Errorf("practice: new take: too many takes named %s", base)
}

// AudioPath returns the path of the take's answer.wav, or "" if id cannot
// be a take ID.
func (l *Library) AudioPath(id string) string {
	if checkID(id) != nil {
		return ""
	}
	return filepath.Join(l.Dir, id, AudioName)
}

// Save writes t (with Schema set to SchemaVersion) as take.json in the
// take's folder, which must exist. The file is written to a temporary file
// in the same folder, synced and renamed over take.json, so a crash or a
// failed Save leaves the previous take.json intact. The file has mode 0600.
func (l *Library) Save(t Take) error {
	if err := checkID(t.ID); err != nil {
		return err
	}
	t.Schema = SchemaVersion
	data, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return fmt.Errorf("practice: save take %s: %w", t.ID, err)
	}
	data = append(data, '\n')
	dir := filepath.Join(l.Dir, t.ID)
	if err := l.writeAtomic(dir, SidecarName, data); err != nil {
		return fmt.Errorf("practice: save take %s: %w", t.ID, err)
	}
	return nil
}

func (l *Library) step(name string) error {
	if l.fail == nil {
		return nil
	}
	return l.fail(name)
}

// WriteFileAtomic writes data to path through a temporary file in the
// same folder, synced before it takes path's name, so path holds either
// the old file or the whole new one, even after a crash. The library's
// own files are written the same way.
func WriteFileAtomic(path string, data []byte) error {
	noFault := func(string) error { return nil }
	if err := writeAtomic(filepath.Dir(path), filepath.Base(path), data, noFault); err != nil {
		return fmt.Errorf("practice: writing %s: %w", filepath.Base(path), err)
	}
	return nil
}

func (l *Library) writeAtomic(dir, name string, data []byte) error {
	return writeAtomic(dir, name, data, l.step)
}

// writeAtomic writes data to dir/name as WriteFileAtomic does, calling step
// before each stage (tests make a stage fail through it).
func writeAtomic(dir, name string, data []byte, step func(stage string) error) (err error) {
	if err := step("create"); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+name+"-*.tmp") // mode 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := step("write"); err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := step("sync"); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := step("rename"); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return err
	}
	// Make the rename itself durable. Not every system can sync a folder
	// (Windows cannot open one), and the data is already safe, so errors
	// are ignored.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Load reads the take with the given ID. Its ID is taken from the folder
// name even if take.json says otherwise. Errors are *TakeError values that
// wrap ErrDamaged for an unreadable take.json, ErrNewerSchema for one from
// a newer version, or the file system error (fs.ErrNotExist when there is
// no take.json).
func (l *Library) Load(id string) (Take, error) {
	if err := checkID(id); err != nil {
		return Take{}, err
	}
	data, err := os.ReadFile(filepath.Join(l.Dir, id, SidecarName))
	if err != nil {
		reason := "cannot read " + SidecarName
		if errors.Is(err, fs.ErrNotExist) {
			reason = "no " + SidecarName
		}
		return Take{}, &TakeError{ID: id, Reason: reason, Err: err}
	}
	t, reason, kind, err := decodeTake(data)
	if reason != "" {
		return Take{}, &TakeError{ID: id, Reason: reason, Err: err, kind: kind}
	}
	t.ID = id
	return t, nil
}

// decodeTake parses a take.json. On failure it returns a reason for the
// user, the kind of failure and the underlying error, if any.
func decodeTake(data []byte) (t Take, reason string, kind, err error) {
	damaged := func(err error, format string, args ...any) (Take, string, error, error) {
		return Take{}, fmt.Sprintf(format, args...), ErrDamaged, err
	}
	if len(data) == 0 {
		return damaged(nil, "%s is empty", SidecarName)
	}
	var probe struct {
		Schema json.RawMessage `json:"schema"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&probe); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return damaged(err, "%s is cut short", SidecarName)
		case errors.As(err, &syn):
			return damaged(err, "%s is not valid JSON at byte %d: %v", SidecarName, syn.Offset, err)
		case errors.As(err, &typ) && typ.Field == "":
			return damaged(err, "%s holds a JSON %s, not an object", SidecarName, typ.Value)
		}
		return damaged(err, "%s: %v", SidecarName, err)
	}
	// One JSON value and nothing but spaces after it.
	if _, end := dec.Token(); end != io.EOF {
		return damaged(nil, "%s has data after its end, at byte %d", SidecarName, dec.InputOffset())
	}
	if probe.Schema == nil {
		return damaged(nil, "%s has no schema version", SidecarName)
	}
	var schema int
	if err := json.Unmarshal(probe.Schema, &schema); err != nil {
		return damaged(err, "schema version %s is not a whole number", probe.Schema)
	}
	if schema > SchemaVersion {
		return Take{}, fmt.Sprintf("made by a newer version of the app (schema %d, this one reads up to %d)", schema, SchemaVersion), ErrNewerSchema, nil
	}
	if schema < 1 {
		return damaged(nil, "invalid schema version %d", schema)
	}
	if err := json.Unmarshal(data, &t); err != nil {
		if reason, ok := partsLoadReason(err); ok {
			return damaged(err, "%s", reason)
		}
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && typ.Field != "" {
			if typ.Type != nil && strings.HasPrefix(typ.Field, "review") && (typ.Type.Kind() == reflect.Struct || typ.Type.Kind() == reflect.Map) {
				return damaged(err, "field %s is a JSON %s, want an object", typ.Field, typ.Value)
			}
			return damaged(err, "field %s is a JSON %s, want %s", typ.Field, typ.Value, jsonKind(typ))
		}
		// Errors from a field's own UnmarshalJSON do not name the field;
		// started and review.updated are the only such fields.
		var st struct {
			Started json.RawMessage `json:"started"`
		}
		var ts time.Time
		if json.Unmarshal(data, &st) == nil && st.Started != nil && json.Unmarshal(st.Started, &ts) != nil {
			return damaged(err, "field started is not a valid time: %s", st.Started)
		}
		var rv struct {
			Review struct {
				Updated json.RawMessage `json:"updated"`
			} `json:"review"`
		}
		if json.Unmarshal(data, &rv) == nil && rv.Review.Updated != nil && json.Unmarshal(rv.Review.Updated, &ts) != nil {
			return damaged(err, "field review.updated is not a valid time: %s", rv.Review.Updated)
		}
		return damaged(err, "invalid value: %v", err)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"duration_s", t.Duration}, {"sample_rate", float64(t.SampleRate)},
		{"think_s", t.ThinkS}, {"limit_s", t.LimitS},
	} {
		if f.v < 0 {
			return damaged(nil, "field %s is negative", f.name)
		}
	}
	if reason := partsProblem(t.Parts, t.Duration); reason != "" {
		return damaged(nil, "field parts: %s", reason)
	}
	if reason := t.Review.problem(); reason != "" {
		return damaged(nil, "field review: %s", reason)
	}
	return t, "", nil, nil
}

func jsonKind(e *json.UnmarshalTypeError) string {
	if e.Type == nil {
		return "another type"
	}
	switch e.Type.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return e.Type.String()
}

// List returns every take in the library, newest first (by start time, then
// by ID). Takes that cannot be read are listed too, with Status Unfinished
// (a take folder without take.json) or Damaged, and a Problem to show; they
// are not errors. A take whose take.json says it is still recording is
// Unfinished too. Folders whose names are not take IDs and that hold no
// take.json are ignored, as are hidden entries and files. The error is
// non-nil only if the library folder itself cannot be read.
func (l *Library) List() ([]Take, error) {
	entries, err := os.ReadDir(l.Dir)
	if err != nil {
		return nil, fmt.Errorf("practice: list takes: %w", err)
	}
	var takes []Take
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || name[0] == '.' || checkID(name) != nil {
			continue
		}
		t, err := l.Load(name)
		if err == nil {
			takes = append(takes, markInterrupted(t))
			continue
		}
		m := takeName.FindStringSubmatch(name)
		if errors.Is(err, fs.ErrNotExist) && m == nil {
			continue // not ours
		}
		bad := Take{ID: name, Status: Damaged, Err: err}
		if errors.Is(err, fs.ErrNotExist) {
			bad.Status = Unfinished
		}
		bad.Problem = err.Error()
		var te *TakeError
		if errors.As(err, &te) {
			bad.Problem = te.Reason
		}
		if m != nil {
			bad.QuestionID = m[2]
			if ts, err := time.ParseInLocation(idLayout, m[1], time.Local); err == nil {
				bad.Started = ts
			}
		}
		takes = append(takes, bad)
	}
	slices.SortFunc(takes, func(a, b Take) int {
		if c := b.Started.Compare(a.Started); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return takes, nil
}

// Remove deletes the take's folder with everything in it.
func (l *Library) Remove(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(l.Dir, id)); err != nil {
		return fmt.Errorf("practice: remove take %s: %w", id, err)
	}
	return nil
}
