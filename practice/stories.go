package practice

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Files the library keeps beside its take folders.
const (
	StoriesName   = "stories.json"   // the story notebook
	QuestionsName = "questions.json" // the user's question bank
)

// Limits on a story.
const (
	MaxStoryTitle = 120   // title length, in characters
	MaxStoryNote  = 10000 // length of each STAR note, in characters
)

// Story is a failure story written down in STAR form in the notebook,
// ready to be told in a take.
type Story struct {
	ID        string    `json:"id"` // stable and unique, e.g. "s20261124-223000"
	Title     string    `json:"title"`
	Situation string    `json:"situation,omitempty"`
	Task      string    `json:"task,omitempty"`
	Action    string    `json:"action,omitempty"`
	Result    string    `json:"result,omitempty"`
	Lesson    string    `json:"lesson,omitempty"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// Note returns the story's note for part kind k (Situation to Lesson), or
// "" for an invalid kind.
func (s Story) Note(k Kind) string {
	if p := s.note(k); p != nil {
		return *p
	}
	return ""
}

// SetNote sets the story's note for part kind k; an invalid kind is
// ignored.
func (s *Story) SetNote(k Kind, text string) {
	if p := s.note(k); p != nil {
		*p = text
	}
}

func (s *Story) note(k Kind) *string {
	switch k {
	case Situation:
		return &s.Situation
	case Task:
		return &s.Task
	case Action:
		return &s.Action
	case Result:
		return &s.Result
	case Lesson:
		return &s.Lesson
	}
	return nil
}

// ErrDamagedFile is wrapped by the errors about a library file
// (stories.json, questions.json) that cannot be read. Such a file is never
// overwritten: methods that would change it refuse until it is fixed or
// moved away.
var ErrDamagedFile = errors.New("practice: damaged library file")

// FileError says why a library file such as stories.json cannot be read.
type FileError struct {
	Path   string // the file
	Reason string // a few words, e.g. "it is not valid JSON at line 3"
	Err    error  // the underlying error, if any
	kind   error  // ErrDamagedFile, ErrNewerSchema or nil
}

// Error reads "practice: " and the message.
func (e *FileError) Error() string { return "practice: " + e.Message() }

// Message names the file, says what is wrong and what to do next.
func (e *FileError) Message() string {
	name := filepath.Base(e.Path)
	switch e.kind {
	case ErrDamagedFile:
		return fmt.Sprintf("cannot read %s: %s. It was left as it is: fix it, or move it out of %s to start a new one", e.Path, e.Reason, filepath.Dir(e.Path))
	case ErrNewerSchema:
		return fmt.Sprintf("%s was %s; update the app to use it", e.Path, e.Reason)
	}
	return fmt.Sprintf("cannot read %s: %s", name, e.Reason)
}

// Unwrap returns the kind of problem (ErrDamagedFile, ErrNewerSchema) and
// the underlying error.
func (e *FileError) Unwrap() []error { return nonNil(e.kind, e.Err) }

// wrapErr returns err as an *Error of op, or nil for nil.
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return Errorf(op, "%w", err)
}

// fileMu serialises the read-modify-write of the library's own files.
var fileMu sync.Mutex

// readLibFile decodes the library file name into v, which must be a
// pointer to a struct with a "schema" field. A missing file leaves v alone
// and returns false and no error.
func (l *Library) readLibFile(name string, v any) (bool, error) {
	path := filepath.Join(l.Dir, name)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, &FileError{Path: path, Reason: err.Error(), Err: err}
	}
	damaged := func(err error, format string, args ...any) (bool, error) {
		return false, &FileError{Path: path, Reason: fmt.Sprintf(format, args...), Err: err, kind: ErrDamagedFile}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return damaged(nil, "it is empty")
	}
	var probe struct {
		Schema *int `json:"schema"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&probe); err != nil {
		return damaged(err, "%s", jsonProblem(data, err))
	}
	if _, end := dec.Token(); end != io.EOF {
		return damaged(nil, "it has data after its end, at line %d", lineAt(data, dec.InputOffset()))
	}
	switch {
	case probe.Schema == nil:
		return damaged(nil, "it has no schema version")
	case *probe.Schema > SchemaVersion:
		return false, &FileError{Path: path, Reason: fmt.Sprintf("made by a newer version of the app (schema %d, this one reads up to %d)", *probe.Schema, SchemaVersion), kind: ErrNewerSchema}
	case *probe.Schema < 1:
		return damaged(nil, "invalid schema version %d", *probe.Schema)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return damaged(err, "%s", jsonProblem(data, err))
	}
	return true, nil
}

// jsonProblem describes a JSON decoding error of data in a few words.
func jsonProblem(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "it is cut short"
	case errors.As(err, &syn):
		return fmt.Sprintf("it is not valid JSON at line %d (%v)", lineAt(data, syn.Offset), err)
	case errors.As(err, &typ) && typ.Field == "":
		return fmt.Sprintf("it holds a JSON %s, not an object", typ.Value)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %s at line %d is a JSON %s, want %s", typ.Field, lineAt(data, typ.Offset), typ.Value, jsonWant(typ))
	}
	return err.Error()
}

// jsonWant says what a JSON value should have been, for messages.
func jsonWant(e *json.UnmarshalTypeError) string {
	if e.Type != nil {
		switch e.Type.Kind() {
		case reflect.Slice, reflect.Array:
			return "a list"
		case reflect.Struct, reflect.Map:
			return "an object"
		}
	}
	return jsonKind(e)
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// writeLibFile writes v as the library file name, atomically, mode 0600.
func (l *Library) writeLibFile(name string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return l.writeAtomic(l.Dir, name, append(data, '\n'))
}

// storiesFile is stories.json.
type storiesFile struct {
	Schema  int     `json:"schema"`
	Stories []Story `json:"stories"`
}

// StoryIndex is the position of the story with id in stories, -1 when
// id is "" (no story) or names none of them.
func StoryIndex(stories []Story, id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(stories, func(s Story) bool { return s.ID == id })
}

// Stories returns the stories in the notebook, sorted by title (ignoring
// case), then by ID. A library without stories.json has none. The error
// is a *FileError if stories.json cannot be read.
func (l *Library) Stories() ([]Story, error) {
	fileMu.Lock()
	defer fileMu.Unlock()
	return l.stories()
}

func (l *Library) stories() ([]Story, error) {
	var f storiesFile
	if _, err := l.readLibFile(StoriesName, &f); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i, s := range f.Stories {
		if s.ID == "" {
			return nil, &FileError{Path: filepath.Join(l.Dir, StoriesName), Reason: fmt.Sprintf("story %d has no id", i+1), kind: ErrDamagedFile}
		}
		if seen[s.ID] {
			return nil, &FileError{Path: filepath.Join(l.Dir, StoriesName), Reason: fmt.Sprintf("two stories have the id %q", s.ID), kind: ErrDamagedFile}
		}
		seen[s.ID] = true
	}
	sortStories(f.Stories)
	return f.Stories, nil
}

func sortStories(ss []Story) {
	slices.SortFunc(ss, func(a, b Story) int {
		if c := cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// Story returns the story with the given ID.
func (l *Library) Story(id string) (Story, error) {
	ss, err := l.Stories()
	if err != nil {
		return Story{}, err
	}
	for _, s := range ss {
		if s.ID == id {
			return s, nil
		}
	}
	return Story{}, Errorf("", "no story %q in the notebook: %w", id, fs.ErrNotExist)
}

// SaveStory saves s in the notebook and returns it as saved. A story with
// no ID is new: it gets an ID and its Created time. Updated is set to now;
// an existing story keeps the Created time it was saved with. The title is
// required; the title and notes are trimmed of spaces, and their lengths
// limited by MaxStoryTitle and MaxStoryNote. It refuses to write over a
// stories.json that cannot be read.
func (l *Library) SaveStory(s Story) (Story, error) {
	s.Title = strings.TrimSpace(s.Title)
	for _, k := range Kinds() {
		s.SetNote(k, strings.TrimSpace(s.Note(k)))
	}
	if err := checkStory(s); err != nil {
		return Story{}, err
	}
	fileMu.Lock()
	defer fileMu.Unlock()
	ss, err := l.stories()
	if err != nil {
		return Story{}, wrapErr("save story", err)
	}
	now := timeNow().Round(0)
	s.Updated = now
	if s.ID == "" {
		s.ID = newStoryID(now, ss)
		s.Created = now
		ss = append(ss, s)
	} else {
		i := slices.IndexFunc(ss, func(o Story) bool { return o.ID == s.ID })
		if i < 0 {
			return Story{}, Errorf(fmt.Sprintf("save story %q", s.Title), "it is no longer in the notebook; save it as a new story: %w", fs.ErrNotExist)
		}
		s.Created = ss[i].Created
		ss[i] = s
	}
	sortStories(ss)
	if err := l.writeLibFile(StoriesName, storiesFile{Schema: SchemaVersion, Stories: ss}); err != nil {
		return Story{}, wrapErr(fmt.Sprintf("save story %q", s.Title), err)
	}
	return s, nil
}

func checkStory(s Story) error {
	if s.Title == "" {
		return Errorf("save story", "the story needs a title; a few words are enough, such as \"The missed launch\"")
	}
	if n := utf8.RuneCountInString(s.Title); n > MaxStoryTitle {
		return Errorf("save story", "the title is %d characters long; keep it to %d", n, MaxStoryTitle)
	}
	for _, k := range Kinds() {
		if n := utf8.RuneCountInString(s.Note(k)); n > MaxStoryNote {
			return Errorf(fmt.Sprintf("save story %q", s.Title), "the %s note is %d characters long; keep it to %d", k, n, MaxStoryNote)
		}
	}
	return nil
}

// newStoryID returns "s" and the time, with "-2", "-3"... or, failing
// that, random letters and digits added if another story has that ID.
func newStoryID(now time.Time, ss []Story) string {
	taken := func(id string) bool {
		return slices.ContainsFunc(ss, func(s Story) bool { return s.ID == id })
	}
	base := "s" + now.Format(idLayout)
	if !taken(base) {
		return base
	}
	for n := 2; n <= 100; n++ {
		if id := base + "-" + strconv.Itoa(n); !taken(id) {
			return id
		}
	}
	for {
		if id := base + "-" + strings.ToLower(rand.Text()[:6]); !taken(id) {
			return id
		}
	}
}

// DeleteStory removes the story from the notebook. Takes linked to it are
// unlinked first; takes that cannot be loaded keep their link, which
// points nowhere once the story is gone.
func (l *Library) DeleteStory(id string) error {
	if _, err := l.Story(id); err != nil {
		return wrapErr("delete story", err)
	}
	takes, err := l.List()
	if err != nil {
		return wrapErr("delete story", err)
	}
	for _, t := range takes {
		if t.Status == OK && t.StoryID == id {
			if err := l.setStory(t.ID, ""); err != nil {
				return wrapErr(fmt.Sprintf("delete story: unlink take %s", t.ID), err)
			}
		}
	}
	fileMu.Lock()
	defer fileMu.Unlock()
	ss, err := l.stories()
	if err != nil {
		return wrapErr("delete story", err)
	}
	ss = slices.DeleteFunc(ss, func(s Story) bool { return s.ID == id })
	if err := l.writeLibFile(StoriesName, storiesFile{Schema: SchemaVersion, Stories: ss}); err != nil {
		return wrapErr("delete story", err)
	}
	return nil
}

// LinkStory records that the take tells the story storyID; "" unlinks it.
// The story must be in the notebook.
func (l *Library) LinkStory(takeID, storyID string) error {
	if storyID != "" {
		if _, err := l.Story(storyID); err != nil {
			return wrapErr(fmt.Sprintf("link take %s to a story", takeID), err)
		}
	}
	if err := l.setStory(takeID, storyID); err != nil {
		return wrapErr(fmt.Sprintf("link take %s to a story", takeID), err)
	}
	return nil
}

func (l *Library) setStory(takeID, storyID string) error {
	t, err := l.Load(takeID)
	if err != nil {
		return err
	}
	if t.StoryID == storyID {
		return nil
	}
	t.StoryID = storyID
	return l.Save(t)
}
