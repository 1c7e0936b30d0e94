package stories

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

type storiesFixture struct {
	t        *testing.T
	lib      *practice.Library
	win      fyne.Window
	v        *View
	backs    int
	practise []string
}

func newStoriesFixture(t *testing.T, setup func(lib *practice.Library)) *storiesFixture {
	t.Helper()
	f := &storiesFixture{t: t, win: uitest.ViewWindow(t)}
	lib := uitest.OpenLibrary(t)
	f.lib = lib
	if setup != nil {
		setup(lib)
	}
	f.v = New(lib, f.win, Handlers{
		Back:     func() { f.backs++ },
		Practise: func(id string) { f.practise = append(f.practise, id) },
	})
	uitest.Route(f.win, f.v, f.v.Content())
	f.v.Focus()
	return f
}

// linkedTake records a finished take of q at started, linked to story.
func linkedTake(t *testing.T, lib *practice.Library, q practice.Question, started time.Time, story string) practice.Take {
	t.Helper()
	take, _, err := lib.NewTake(q, started)
	if err != nil {
		t.Fatal(err)
	}
	take.Duration = 75
	take.SampleRate = uitest.Rate
	take.StoryID = story
	take.Stopped = "user"
	if err := lib.Save(take); err != nil {
		t.Fatal(err)
	}
	return take
}

func TestStoriesEmpty(t *testing.T) {
	f := newStoriesFixture(t, nil)
	test.AssertRendersToMarkup(t, "stories_empty.xml", f.win.Canvas())
	test.AssertRendersToImage(t, "stories_empty.png", f.win.Canvas())
	if !strings.Contains(uitest.WindowText(f.win), "Write down a few real work failures") {
		t.Error("the empty notebook does not show the coach's note")
	}
	for _, b := range []*widgets.Button{f.v.del, f.v.prac} {
		if !b.Disabled() {
			t.Errorf("%q is enabled with nothing saved, want disabled", b.Text)
		}
	}
	if f.win.Canvas().Focused() != f.v.title {
		t.Error("the title does not have the keyboard focus")
	}
}

func TestStoriesOneStory(t *testing.T) {
	var s practice.Story
	f := newStoriesFixture(t, func(lib *practice.Library) {
		s = uitest.SaveStory(t, lib, uitest.LaunchStory)
		// A take of another story and a take without one are not counted.
		linkedTake(t, lib, uitest.Questions[0], time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), s.ID)
		linkedTake(t, lib, uitest.Questions[1], time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), s.ID)
		linkedTake(t, lib, uitest.Questions[2], time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), "")
	})
	if f.v.intro.Visible() {
		t.Error("the coach's note for an empty notebook is still shown")
	}
	if got, want := f.v.title.Text, uitest.LaunchStory.Title; got != want {
		t.Errorf("title entry = %q, want %q", got, want)
	}
	for _, k := range practice.Kinds() {
		if got, want := f.v.notes[k].Text, uitest.LaunchStory.Note(k); got != want {
			t.Errorf("%v entry = %q, want %q", k, got, want)
		}
	}
	text := uitest.WindowText(f.win)
	if !strings.Contains(text, "2 takes") {
		t.Errorf("the list does not say \"2 takes\": %q", text)
	}
	// Newest first, each with its date and question.
	takes, _ := f.lib.List()
	var lines []string
	for _, tk := range takes {
		if tk.StoryID == s.ID {
			lines = append(lines, takeLine(tk))
		}
	}
	if len(lines) != 2 {
		t.Fatalf("library lists %d takes of the story, want 2", len(lines))
	}
	first, second := strings.Index(text, lines[0]), strings.Index(text, lines[1])
	if first < 0 || second < 0 || first > second {
		t.Errorf("linked takes: want %q then %q in %q", lines[0], lines[1], text)
	}
	if !strings.Contains(lines[0], uitest.Questions[1].Text) || !strings.Contains(lines[0], "1:15") {
		t.Errorf("newest linked take line %q lacks its question or length 1:15", lines[0])
	}
	if strings.Contains(text, uitest.Questions[2].Text) {
		t.Error("a take not linked to the story is listed with it")
	}
	// The golden has no linked takes, whose dates depend on the time zone.
	g := newStoriesFixture(t, func(lib *practice.Library) { uitest.SaveStory(t, lib, uitest.LaunchStory) })
	test.AssertRendersToMarkup(t, "stories_one.xml", g.win.Canvas())
	test.AssertRendersToImage(t, "stories_one.png", g.win.Canvas())
}

func TestStoriesSaveRoundTrip(t *testing.T) {
	f := newStoriesFixture(t, nil)

	// No title: nothing is saved, and the user is told why.
	test.Type(f.v.notes[practice.Situation], "A note")
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyS))
	if ss, _ := f.lib.Stories(); len(ss) != 0 {
		t.Fatalf("saved %d stories without a title, want 0", len(ss))
	}
	if !strings.Contains(f.v.status.Text, "title") {
		t.Errorf("status = %q, want it to ask for a title", f.v.status.Text)
	}
	if f.win.Canvas().Focused() != f.v.title {
		t.Error("the title does not have the focus after a save without one")
	}

	f.v.notes[practice.Situation].SetText("")
	test.Type(f.v.title, "  "+uitest.LaunchStory.Title+" ")
	for _, k := range practice.Kinds() {
		test.Type(f.v.notes[k], uitest.LaunchStory.Note(k))
	}
	if !f.v.Dirty() {
		t.Fatal("the editor does not know it has unsaved changes")
	}
	f.win.Canvas().Focus(f.v.notes[practice.Lesson])
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyS)) // from inside a multi-line entry

	ss, err := f.lib.Stories()
	if err != nil || len(ss) != 1 {
		t.Fatalf("Stories = %d stories, %v; want 1", len(ss), err)
	}
	got := ss[0]
	if got.Title != uitest.LaunchStory.Title {
		t.Errorf("saved title = %q, want %q", got.Title, uitest.LaunchStory.Title)
	}
	for _, k := range practice.Kinds() {
		if got.Note(k) != uitest.LaunchStory.Note(k) {
			t.Errorf("saved %v = %q, want %q", k, got.Note(k), uitest.LaunchStory.Note(k))
		}
	}
	if f.v.Dirty() {
		t.Error("the editor still reports unsaved changes after saving")
	}
	if !strings.Contains(f.v.status.Text, "Saved") {
		t.Errorf("status = %q, want it to say the story was saved", f.v.status.Text)
	}
	if f.v.cur != 0 || f.v.del.Disabled() || f.v.prac.Disabled() {
		t.Errorf("after saving: cur = %d, delete disabled %v, practise disabled %v; want 0, false, false",
			f.v.cur, f.v.del.Disabled(), f.v.prac.Disabled())
	}

	// An edit updates the same story.
	f.v.notes[practice.Result].SetText("Four hours of failed payments")
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyS))
	ss, _ = f.lib.Stories()
	if len(ss) != 1 || ss[0].ID != got.ID || ss[0].Result != "Four hours of failed payments" || !ss[0].Created.Equal(got.Created) {
		t.Errorf("after an edit: stories = %+v; want one, ID %s, the new Result, Created %v", ss, got.ID, got.Created)
	}

	// A second story, via New (Ctrl+N); the list shows both, by title.
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyN))
	if f.v.title.Text != "" || f.v.cur != -1 {
		t.Fatalf("New: title %q, cur %d; want an empty new story", f.v.title.Text, f.v.cur)
	}
	test.Type(f.v.title, "A missed handover")
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyS))
	ss, _ = f.lib.Stories()
	if len(ss) != 2 || ss[0].Title != "A missed handover" {
		t.Fatalf("stories = %+v, want 2 with \"A missed handover\" first", ss)
	}
	if f.v.cur != 0 || f.v.list.Length() != 2 {
		t.Errorf("cur = %d, list length %d; want 0 and 2", f.v.cur, f.v.list.Length())
	}
	// Ctrl+Down opens the next story.
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyDown))
	if f.v.cur != 1 || f.v.title.Text != uitest.LaunchStory.Title {
		t.Errorf("Ctrl+Down: cur %d, title %q; want 1, %q", f.v.cur, f.v.title.Text, uitest.LaunchStory.Title)
	}
}

func TestStoriesDeleteConfirm(t *testing.T) {
	var launch, other practice.Story
	var take practice.Take
	f := newStoriesFixture(t, func(lib *practice.Library) {
		other = uitest.SaveStory(t, lib, practice.Story{Title: "A missed handover"})
		launch = uitest.SaveStory(t, lib, uitest.LaunchStory)
		take = linkedTake(t, lib, uitest.Questions[0], time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), launch.ID)
	})
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyDown)) // the launch story
	if f.v.saved.ID != launch.ID {
		t.Fatalf("open story %q, want %q", f.v.saved.Title, launch.Title)
	}

	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyD))
	if !uitest.DialogOpen(f.win) {
		t.Fatal("Delete did not ask first")
	}
	text := uitest.WindowText(f.win)
	for _, want := range []string{"Delete “The launch I rushed”?", "1 take stays in your library", "Keep it (Esc)", "Delete (D)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the question does not say %q: %q", want, text)
		}
	}
	uitest.Hit(f.win, fyne.KeyEscape)
	if uitest.DialogOpen(f.win) {
		t.Fatal("Escape did not close the question")
	}
	if ss, _ := f.lib.Stories(); len(ss) != 2 {
		t.Fatalf("Escape (keep it): %d stories left, want 2", len(ss))
	}
	if f.backs != 0 {
		t.Error("Escape on the question also left the notebook")
	}

	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyD))
	test.TypeOnCanvas(f.win.Canvas(), "d")
	if uitest.DialogOpen(f.win) {
		t.Fatal("D did not close the question")
	}
	ss, _ := f.lib.Stories()
	if len(ss) != 1 || ss[0].ID != other.ID {
		t.Fatalf("after Delete: stories %+v, want only %q", ss, other.Title)
	}
	if tk, err := f.lib.Load(take.ID); err != nil || tk.StoryID != "" {
		t.Errorf("linked take after Delete: StoryID %q, err %v; want unlinked", tk.StoryID, err)
	}
	if f.v.saved.ID != other.ID || f.v.title.Text != other.Title {
		t.Errorf("editor shows %q, want the remaining story %q", f.v.title.Text, other.Title)
	}
	if !strings.Contains(f.v.status.Text, "Deleted") {
		t.Errorf("status = %q, want it to say the story was deleted", f.v.status.Text)
	}

	// The last one: the editor starts a new story.
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyD))
	test.TypeOnCanvas(f.win.Canvas(), "D")
	if ss, _ := f.lib.Stories(); len(ss) != 0 {
		t.Fatalf("%d stories left, want 0", len(ss))
	}
	if f.v.cur != -1 || f.v.title.Text != "" || !f.v.intro.Visible() {
		t.Errorf("empty again: cur %d, title %q, intro shown %v; want -1, \"\", true", f.v.cur, f.v.title.Text, f.v.intro.Visible())
	}
}

func TestStoriesUnsavedChanges(t *testing.T) {
	tests := []struct {
		name      string
		leave     func(f *storiesFixture)
		answer    func(f *storiesFixture)
		wantTitle string // saved title afterwards
		wantBack  int
		wantOpen  string // title in the editor afterwards
	}{
		{"escape, keep editing", func(f *storiesFixture) { uitest.Hit(f.win, fyne.KeyEscape) },
			func(f *storiesFixture) { uitest.Hit(f.win, fyne.KeyEscape) }, "Original", 0, "Changed"},
		{"escape, discard", func(f *storiesFixture) { uitest.Hit(f.win, fyne.KeyEscape) },
			func(f *storiesFixture) { test.TypeOnCanvas(f.win.Canvas(), "d") }, "Original", 1, "Original"},
		{"escape, save", func(f *storiesFixture) { uitest.Hit(f.win, fyne.KeyEscape) },
			func(f *storiesFixture) { test.TypeOnCanvas(f.win.Canvas(), "s") }, "Changed", 1, "Changed"},
		{"new, keep editing", func(f *storiesFixture) { uitest.Press(f.t, f.win, uitest.Ctrl(fyne.KeyN)) },
			func(f *storiesFixture) { uitest.Hit(f.win, fyne.KeyEscape) }, "Original", 0, "Changed"},
		{"new, discard", func(f *storiesFixture) { uitest.Press(f.t, f.win, uitest.Ctrl(fyne.KeyN)) },
			func(f *storiesFixture) { test.TypeOnCanvas(f.win.Canvas(), "d") }, "Original", 0, ""},
		{"other story in the list, keep editing", func(f *storiesFixture) { f.v.list.Select(1) },
			func(f *storiesFixture) { uitest.Hit(f.win, fyne.KeyEscape) }, "Original", 0, "Changed"},
		{"other story in the list, save", func(f *storiesFixture) { f.v.list.Select(1) },
			func(f *storiesFixture) { test.TypeOnCanvas(f.win.Canvas(), "s") }, "Changed", 0, "Zed"},
		// Saved as "Zulu", the story moves below "Zed": Zed still opens.
		{"other story in the list, save with a title that reorders", func(f *storiesFixture) {
			f.v.title.SetText("Zulu")
			f.v.list.Select(1)
		}, func(f *storiesFixture) { test.TypeOnCanvas(f.win.Canvas(), "s") }, "Zulu", 0, "Zed"},
		{"next story, save with a title that reorders", func(f *storiesFixture) {
			f.v.title.SetText("Zulu")
			uitest.Press(f.t, f.win, uitest.Ctrl(fyne.KeyDown))
		}, func(f *storiesFixture) { test.TypeOnCanvas(f.win.Canvas(), "s") }, "Zulu", 0, "Zed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var id string
			f := newStoriesFixture(t, func(lib *practice.Library) {
				id = uitest.SaveStory(t, lib, practice.Story{Title: "Original"}).ID
				uitest.SaveStory(t, lib, practice.Story{Title: "Zed"})
			})
			f.t = t
			f.v.title.SetText("Changed")
			tt.leave(f)
			if !uitest.DialogOpen(f.win) {
				t.Fatal("leaving with unsaved changes did not ask first")
			}
			if f.backs != 0 {
				t.Fatal("left before the question was answered")
			}
			tt.answer(f)
			if uitest.DialogOpen(f.win) {
				t.Fatal("the answer did not close the question")
			}
			s, err := f.lib.Story(id)
			if err != nil {
				t.Fatal(err)
			}
			if s.Title != tt.wantTitle {
				t.Errorf("saved title = %q, want %q", s.Title, tt.wantTitle)
			}
			if f.backs != tt.wantBack {
				t.Errorf("Back called %d times, want %d", f.backs, tt.wantBack)
			}
			if f.v.title.Text != tt.wantOpen {
				t.Errorf("editor title = %q, want %q", f.v.title.Text, tt.wantOpen)
			}
			// The list's selection follows the story in the editor.
			want := f.v.index(f.v.saved.ID)
			if got := f.v.list.Selected(); got != want {
				t.Errorf("list selection = %d, want %d", got, want)
			}
		})
	}

	// Nothing changed: leaving does not ask.
	f := newStoriesFixture(t, func(lib *practice.Library) { uitest.SaveStory(t, lib, uitest.LaunchStory) })
	uitest.Hit(f.win, fyne.KeyEscape)
	if uitest.DialogOpen(f.win) || f.backs != 1 {
		t.Errorf("Escape with no changes: dialog %v, backs %d; want none and 1", uitest.DialogOpen(f.win), f.backs)
	}
}

func TestStoriesPractise(t *testing.T) {
	var s practice.Story
	f := newStoriesFixture(t, func(lib *practice.Library) { s = uitest.SaveStory(t, lib, uitest.LaunchStory) })
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyP))
	if len(f.practise) != 1 || f.practise[0] != s.ID {
		t.Errorf("Practise called with %q, want [%q]", f.practise, s.ID)
	}

	// A new story has to be saved first.
	g := newStoriesFixture(t, nil)
	uitest.Press(t, g.win, uitest.Ctrl(fyne.KeyP))
	if len(g.practise) != 0 || !strings.Contains(g.v.status.Text, "save it first") {
		t.Errorf("Practise on an empty new story: calls %q, status %q; want none and a hint to save", g.practise, g.v.status.Text)
	}
	test.Type(g.v.title, "Fresh")
	uitest.Press(t, g.win, uitest.Ctrl(fyne.KeyP))
	test.TypeOnCanvas(g.win.Canvas(), "s")
	ss, _ := g.lib.Stories()
	if len(ss) != 1 || len(g.practise) != 1 || g.practise[0] != ss[0].ID {
		t.Errorf("Practise, then Save: stories %+v, calls %q; want the new story practised", ss, g.practise)
	}
}

func TestStoriesShortcutsRegistered(t *testing.T) {
	f := newStoriesFixture(t, nil)
	names := map[string]bool{}
	for _, s := range f.v.Shortcuts() {
		names[s.ShortcutName()] = true
	}
	for _, k := range []fyne.KeyName{fyne.KeyS, fyne.KeyN, fyne.KeyD, fyne.KeyP, fyne.KeyUp, fyne.KeyDown} {
		for _, m := range []fyne.KeyModifier{fyne.KeyModifierControl, fyne.KeyModifierSuper} {
			s := &desktop.CustomShortcut{KeyName: k, Modifier: m}
			if !names[s.ShortcutName()] {
				t.Errorf("%s is not in shortcuts()", s.ShortcutName())
			}
			if !f.v.TypedShortcut(s) {
				t.Errorf("typedShortcut(%s) = false, want true", s.ShortcutName())
			}
			if uitest.DialogOpen(f.win) { // Ctrl+D on a new story asks nothing; keep it clean anyway
				f.v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			}
		}
	}
	if f.v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierAlt}) {
		t.Error("Alt+S was taken as Save")
	}
	if f.v.TypedRune('s') {
		t.Error("the letter S was taken as a key with no question on show")
	}
}

func TestStoriesUnreadable(t *testing.T) {
	var path string
	f := newStoriesFixture(t, func(lib *practice.Library) {
		path = filepath.Join(lib.Dir, practice.StoriesName)
		if err := os.WriteFile(path, []byte(`{"schema":1,"stories":[{"id":`), 0o600); err != nil {
			t.Fatal(err)
		}
	})
	if !f.v.intro.Visible() || !strings.Contains(f.v.intro.Text, "could not be read") || !strings.Contains(f.v.intro.Text, "stories.json") {
		t.Errorf("intro = %q, want it to say stories.json could not be read", f.v.intro.Text)
	}
	if !f.v.save.Disabled() {
		t.Error("Save is enabled while the stories cannot be read")
	}
	test.Type(f.v.title, "Anything")
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyS))
	if data, _ := os.ReadFile(path); string(data) != `{"schema":1,"stories":[{"id":` {
		t.Errorf("stories.json was changed to %q", data)
	}
	if !strings.Contains(f.v.status.Text, "Nothing can be saved") {
		t.Errorf("status = %q, want it to say nothing can be saved", f.v.status.Text)
	}
}

func TestTakesCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "No takes yet"}, {1, "1 take"}, {2, "2 takes"}, {12, "12 takes"}}
	for _, tt := range tests {
		if got := takesCount(tt.n); got != tt.want {
			t.Errorf("takesCount(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
