package practice

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var storyTime = time.Date(2026, 11, 24, 22, 30, 0, 0, time.UTC)

func storyTitles(ss []Story) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Title)
	}
	return out
}

func TestStoryNote(t *testing.T) {
	s := Story{Situation: "s", Task: "t", Action: "a", Result: "r", Lesson: "l"}
	for _, tt := range []struct {
		k    Kind
		want string
	}{{Situation, "s"}, {Task, "t"}, {Action, "a"}, {Result, "r"}, {Lesson, "l"}, {Kind(7), ""}, {Kind(-1), ""}} {
		if got := s.Note(tt.k); got != tt.want {
			t.Errorf("Note(%v) = %q, want %q", tt.k, got, tt.want)
		}
	}
	s.SetNote(Lesson, "new")
	s.SetNote(Kind(9), "ignored")
	if s.Lesson != "new" || s.Note(Lesson) != "new" {
		t.Errorf("after SetNote(Lesson): Lesson = %q, want new", s.Lesson)
	}
}

func TestStoriesEmpty(t *testing.T) {
	l := openLib(t)
	ss, err := l.Stories()
	if err != nil || len(ss) != 0 {
		t.Errorf("Stories() of a new library = %v, %v; want none, nil", ss, err)
	}
	if _, err := os.Stat(filepath.Join(l.Dir, StoriesName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stories() created %s: %v", StoriesName, err)
	}
}

func TestSaveStoryCreateEdit(t *testing.T) {
	l := openLib(t)
	withClock(t, storyTime)
	s, err := l.SaveStory(Story{
		Title:     "  The missed launch ",
		Situation: "Team of five, a fixed launch date.\n",
		Lesson:    "Now I flag risks in the first week.",
	})
	if err != nil {
		t.Fatalf("SaveStory(new): %v", err)
	}
	if s.ID != "s20261124-223000" || s.Title != "The missed launch" || s.Situation != "Team of five, a fixed launch date." {
		t.Errorf("new story = %+v; want ID s20261124-223000, trimmed title and notes", s)
	}
	if !s.Created.Equal(storyTime) || !s.Updated.Equal(storyTime) {
		t.Errorf("Created %v, Updated %v; want both %v", s.Created, s.Updated, storyTime)
	}
	checkMode(t, filepath.Join(l.Dir, StoriesName), 0o600)

	// A second story in the same second gets another ID.
	s2, err := l.SaveStory(Story{Title: "a late review"})
	if err != nil {
		t.Fatal(err)
	}
	if s2.ID != "s20261124-223000-2" {
		t.Errorf("second story's ID = %q, want s20261124-223000-2", s2.ID)
	}

	// Edit: Created stays as saved even if the caller sends another.
	later := storyTime.Add(time.Hour)
	withClock(t, later)
	s.Result = "We shipped two weeks late."
	s.Created = time.Time{}
	edited, err := l.SaveStory(s)
	if err != nil {
		t.Fatalf("SaveStory(edit): %v", err)
	}
	if !edited.Created.Equal(storyTime) || !edited.Updated.Equal(later) {
		t.Errorf("edited: Created %v, Updated %v; want %v, %v", edited.Created, edited.Updated, storyTime, later)
	}

	ss, err := l.Stories()
	if err != nil {
		t.Fatal(err)
	}
	// Sorted by title, ignoring case.
	if got, want := storyTitles(ss), []string{"a late review", "The missed launch"}; !slices.Equal(got, want) {
		t.Errorf("titles = %q, want %q", got, want)
	}
	got := ss[1]
	if got.ID != s.ID || got.Result != "We shipped two weeks late." || got.Lesson != s.Lesson || !got.Created.Equal(storyTime) || !got.Updated.Equal(later) {
		t.Errorf("loaded story = %+v", got)
	}
	if one, err := l.Story(s.ID); err != nil || one.Title != "The missed launch" {
		t.Errorf("Story(%q) = %+v, %v", s.ID, one, err)
	}
	if _, err := l.Story("s1"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Story(unknown) = %v, want fs.ErrNotExist", err)
	}
}

func TestStoriesSortTies(t *testing.T) {
	l := openLib(t)
	for i, title := range []string{"beta", "Alpha", "alpha", "Beta"} {
		withClock(t, storyTime.Add(time.Duration(i)*time.Second))
		if _, err := l.SaveStory(Story{Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	ss, err := l.Stories()
	if err != nil {
		t.Fatal(err)
	}
	// Equal titles ignoring case go by ID, which here is the save order.
	if got, want := storyTitles(ss), []string{"Alpha", "alpha", "beta", "Beta"}; !slices.Equal(got, want) {
		t.Errorf("titles = %q, want %q", got, want)
	}
}

func TestSaveStoryRefuses(t *testing.T) {
	tests := []struct {
		name string
		s    Story
		want string
	}{
		{"no title", Story{Lesson: "x"}, "needs a title"},
		{"spaces only", Story{Title: " \t\n"}, "needs a title"},
		{"title too long", Story{Title: strings.Repeat("t", MaxStoryTitle+1)}, "title is 121 characters long; keep it to 120"},
		{"note too long", Story{Title: "ok", Action: strings.Repeat("a", MaxStoryNote+1)}, "the Action note is 10001 characters long"},
		{"unknown id", Story{ID: "s-gone", Title: "ok"}, "no longer in the notebook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := openLib(t)
			_, err := l.SaveStory(tt.s)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "practice: save story") {
				t.Errorf("SaveStory = %v, want an error containing %q", err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(l.Dir, StoriesName)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a refused story wrote %s", StoriesName)
			}
		})
	}
	// At the limits is fine.
	l := openLib(t)
	if _, err := l.SaveStory(Story{Title: strings.Repeat("é", MaxStoryTitle), Lesson: strings.Repeat("l", MaxStoryNote)}); err != nil {
		t.Errorf("SaveStory at the limits: %v", err)
	}
}

func TestStoriesCorruptFile(t *testing.T) {
	tests := []struct {
		name, data, reason string
		newer              bool
	}{
		{"empty", "", "it is empty", false},
		{"cut short", `{"schema": 1, "stories": [{"id": "s1", "title": "x"`, "it is cut short", false},
		{"bad json", "{\"schema\": 1,\n \"stories\": [\n  {\"id\": \"s1\" \"title\": \"x\"}]}", "not valid JSON at line 3", false},
		{"not an object", `[1, 2]`, "holds a JSON array, not an object", false},
		{"no schema", `{"stories": []}`, "no schema version", false},
		{"stories not a list", "{\"schema\": 1,\n\"stories\": {}}", "field stories at line 2 is a JSON object, want a list", false},
		{"no id", `{"schema": 1, "stories": [{"title": "x"}]}`, "story 1 has no id", false},
		{"same id twice", `{"schema": 1, "stories": [{"id": "s1", "title": "x"}, {"id": "s1", "title": "y"}]}`, `two stories have the id "s1"`, false},
		{"trailing data", "{\"schema\": 1, \"stories\": []}\n{}", "data after its end, at line 2", false},
		{"newer", `{"schema": 2, "stories": "new shape"}`, "made by a newer version of the app", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := openLib(t)
			path := filepath.Join(l.Dir, StoriesName)
			if err := os.WriteFile(path, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			ss, err := l.Stories()
			if err == nil {
				t.Fatalf("Stories() = %v, nil; want an error", ss)
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != path || !strings.Contains(fe.Reason, tt.reason) {
				t.Errorf("Stories() error = %#v, want a *FileError for %s with a reason containing %q", err, path, tt.reason)
			}
			want := ErrDamagedFile
			if tt.newer {
				want = ErrNewerSchema
			}
			if !errors.Is(err, want) {
				t.Errorf("error %q does not wrap %v", err, want)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file %s", err, path)
			}
			t.Logf("error: %v", err)

			// Nothing overwrites it.
			_, err = l.SaveStory(Story{Title: "New"})
			if !errors.Is(err, want) {
				t.Errorf("SaveStory on a damaged file = %v, want it to refuse with %v", err, want)
			}
			if err := l.DeleteStory("s1"); err == nil {
				t.Errorf("DeleteStory on a damaged file succeeded")
			}
			if got, _ := os.ReadFile(path); string(got) != tt.data {
				t.Errorf("%s was changed to %q", StoriesName, got)
			}
		})
	}
}

func TestLinkAndDeleteStory(t *testing.T) {
	l := openLib(t)
	withClock(t, storyTime)
	s, err := l.SaveStory(Story{Title: "The missed launch"})
	if err != nil {
		t.Fatal(err)
	}
	keep, err := l.SaveStory(Story{Title: "Another"})
	if err != nil {
		t.Fatal(err)
	}
	a := fullTake(t, l, q07, start)
	b := fullTake(t, l, q07, start.Add(time.Minute))
	c := fullTake(t, l, q07, start.Add(2*time.Minute))
	for _, link := range []struct{ take, story string }{{a.ID, s.ID}, {b.ID, s.ID}, {c.ID, keep.ID}} {
		if err := l.LinkStory(link.take, link.story); err != nil {
			t.Fatalf("LinkStory(%s, %s): %v", link.take, link.story, err)
		}
	}
	storyOf := func(id string) string {
		t.Helper()
		tk, err := l.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		return tk.StoryID
	}
	if got := storyOf(a.ID); got != s.ID {
		t.Errorf("take a StoryID = %q, want %q", got, s.ID)
	}

	// Unknown story: refused, link unchanged.
	if err := l.LinkStory(a.ID, "s-nope"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LinkStory to an unknown story = %v, want fs.ErrNotExist", err)
	}
	if got := storyOf(a.ID); got != s.ID {
		t.Errorf("after a refused link StoryID = %q, want %q", got, s.ID)
	}
	// Unknown take.
	if err := l.LinkStory("20991231-000000-q07", s.ID); err == nil {
		t.Errorf("LinkStory of a missing take succeeded")
	}
	// Unlink.
	if err := l.LinkStory(b.ID, ""); err != nil {
		t.Fatal(err)
	}
	if got := storyOf(b.ID); got != "" {
		t.Errorf("unlinked take StoryID = %q, want \"\"", got)
	}
	if err := l.LinkStory(b.ID, s.ID); err != nil {
		t.Fatal(err)
	}

	// Delete unlinks its takes and leaves the others.
	if err := l.DeleteStory(s.ID); err != nil {
		t.Fatalf("DeleteStory: %v", err)
	}
	for _, tt := range []struct{ id, want string }{{a.ID, ""}, {b.ID, ""}, {c.ID, keep.ID}} {
		if got := storyOf(tt.id); got != tt.want {
			t.Errorf("after delete, take %s StoryID = %q, want %q", tt.id, got, tt.want)
		}
	}
	ss, err := l.Stories()
	if err != nil {
		t.Fatal(err)
	}
	if got := storyTitles(ss); !slices.Equal(got, []string{"Another"}) {
		t.Errorf("stories after delete = %q, want [Another]", got)
	}
	if err := l.DeleteStory(s.ID); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("deleting it again = %v, want fs.ErrNotExist", err)
	}
}

func TestDeleteStorySkipsDamagedTakes(t *testing.T) {
	l := openLib(t)
	s, err := l.SaveStory(Story{Title: "x"})
	if err != nil {
		t.Fatal(err)
	}
	tk := fullTake(t, l, q07, start)
	if err := l.LinkStory(tk.ID, s.ID); err != nil {
		t.Fatal(err)
	}
	bad, _, err := l.NewTake(q07, start.Add(time.Hour)) // unfinished
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(l.Dir, bad.ID, SidecarName), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := l.DeleteStory(s.ID); err != nil {
		t.Fatalf("DeleteStory with a damaged take in the library: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(l.Dir, bad.ID, SidecarName)); string(got) != "{" {
		t.Errorf("the damaged take was rewritten: %q", got)
	}
}

func TestSaveStoryFailureKeepsFile(t *testing.T) {
	l := openLib(t)
	s, err := l.SaveStory(Story{Title: "Original"})
	if err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(l.Dir, StoriesName))
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"create", "write", "sync", "rename"} {
		l.fail = func(got string) error {
			if got == step {
				return errors.New("disk full")
			}
			return nil
		}
		s.Title = "Changed at " + step
		if _, err := l.SaveStory(s); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("fail at %s: SaveStory = %v, want the disk full error", step, err)
		}
		if got, _ := os.ReadFile(filepath.Join(l.Dir, StoriesName)); string(got) != string(before) {
			t.Errorf("fail at %s: %s changed", step, StoriesName)
		}
	}
	l.fail = nil
	if got, want := names(t, l.Dir), []string{StoriesName}; !slices.Equal(got, want) {
		t.Errorf("library holds %v, want %v (no temporary files left)", got, want)
	}
}

func TestStoryIndex(t *testing.T) {
	ss := []Story{{ID: "s1", Title: "Launch"}, {ID: "s2", Title: "Migration"}}
	for _, c := range []struct {
		id   string
		want int
	}{{"s1", 0}, {"s2", 1}, {"s3", -1}, {"", -1}} {
		if got := StoryIndex(ss, c.id); got != c.want {
			t.Errorf("StoryIndex(%q) = %d, want %d", c.id, got, c.want)
		}
	}
	if got := StoryIndex(append(ss, Story{Title: "No ID yet"}), ""); got != -1 {
		t.Errorf(`StoryIndex("") with a story without an ID = %d, want -1`, got)
	}
}
