package turn

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/internal/uitest"
)

// cueLabels are the texts of the card's labels, in order.
func cueLabels(c *CueCard) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, x := range v.Objects {
				walk(x)
			}
		}
	}
	walk(c.Content())
	return out
}

func TestCueCard(t *testing.T) {
	test.NewTempApp(t)
	c := NewCueCard()
	w := test.NewTempWindow(t, c.Content())
	w.Resize(fyne.NewSize(480, 420))
	if c.Content().Visible() {
		t.Error("an empty cue card is shown")
	}

	s := uitest.LaunchStory
	c.Set(&s)
	test.AssertRendersToMarkup(t, "cuecard_story.xml", w.Canvas())
	test.AssertRendersToImage(t, "cuecard_story.png", w.Canvas())
	want := []string{s.Title, s.Situation, s.Task, s.Action, s.Result, s.Lesson}
	if got := cueLabels(c); !slices.Equal(got, want) {
		t.Errorf("card texts:\ngot  %q\nwant %q", got, want)
	}
	// The notes are in large text, and each has its letter.
	markup := test.RenderToMarkup(w.Canvas())
	for _, k := range practice.Kinds() {
		if !strings.Contains(markup, ">"+k.Letter()+"</text>") {
			t.Errorf("no %s letter on the card", k.Letter())
		}
	}
	if !c.title.TextStyle.Bold || c.title.SizeName != theme.SizeNameSubHeadingText {
		t.Error("the title is not bold subheading text")
	}

	// The card keeps a copy: changing the story later does not change it.
	s.Title = "Changed"
	if c.story.Title != uitest.LaunchStory.Title {
		t.Error("the card shares the story it was given")
	}

	// Only the notes written are shown; none at all says where to add them.
	c.Set(&practice.Story{Title: "Half done", Action: "Did the thing", Lesson: "Learned"})
	if got, want := cueLabels(c), []string{"Half done", "Did the thing", "Learned"}; !slices.Equal(got, want) {
		t.Errorf("partial story: card texts %q, want %q", got, want)
	}
	c.Set(&practice.Story{Title: "Only a title"})
	if got := cueLabels(c); len(got) != 2 || !strings.Contains(got[1], "story notebook") {
		t.Errorf("story without notes: card texts %q, want the title and a pointer to the notebook", got)
	}

	c.Set(nil)
	if c.Content().Visible() || c.story != nil {
		t.Error("set(nil) did not hide the card")
	}
}

func TestCueText(t *testing.T) {
	long := strings.Repeat("word ", 60)
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"  spaced \n out\tnote ", "spaced out note"},
		{long, strings.TrimSpace(string([]rune(strings.TrimSpace(long))[:cueMaxRunes-1])) + "…"},
	}
	for _, tt := range tests {
		got := cueText(tt.in)
		if got != tt.want {
			t.Errorf("cueText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > cueMaxRunes {
			t.Errorf("cueText(%q) is %d characters, want at most %d", tt.in, n, cueMaxRunes)
		}
	}
}

func TestCueStoryPicker(t *testing.T) {
	test.NewTempApp(t)
	lib, err := practice.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := uitest.SaveStory(t, lib, practice.Story{Title: "Alpha"})
	b := uitest.SaveStory(t, lib, practice.Story{Title: "Beta"})
	uitest.SaveStory(t, lib, practice.Story{Title: "alpha"})

	var picks []string
	p := NewStoryPicker(lib, func(s *practice.Story) {
		if s == nil {
			picks = append(picks, "")
		} else {
			picks = append(picks, s.Title)
		}
	})
	test.NewTempWindow(t, p.Content())
	if len(picks) != 0 {
		t.Errorf("building the picker called onPick %q, want no call", picks)
	}
	if got, want := p.sel.Options, []string{"No story", "Alpha", "alpha (2)", "Beta"}; !slices.Equal(got, want) {
		t.Errorf("options = %q, want %q", got, want)
	}
	if p.Selected() != nil || p.sel.Selected != "No story" {
		t.Errorf("new picker: selected %v, shows %q; want none, \"No story\"", p.Selected(), p.sel.Selected)
	}

	p.sel.SetSelected("Beta") // as the user picks it
	if s := p.Selected(); s == nil || s.ID != b.ID {
		t.Fatalf("picked Beta: selected %v", s)
	}
	p.step(1) // wraps round to No story
	p.step(1)
	if s := p.Selected(); s == nil || s.ID != a.ID {
		t.Errorf("step twice from Beta: selected %v, want Alpha", s)
	}
	p.step(-1)
	if p.Selected() != nil {
		t.Errorf("step back from Alpha: selected %v, want none", p.Selected())
	}
	if want := []string{"Beta", "", "Alpha", ""}; !slices.Equal(picks, want) {
		t.Errorf("onPick calls %q, want %q", picks, want)
	}

	// A story renamed keeps its place; one deleted falls back to none.
	p.Choose(b.ID)
	b.Title = "Beta, retold"
	uitest.SaveStory(t, lib, b)
	p.Reload()
	if s := p.Selected(); s == nil || s.Title != "Beta, retold" || p.sel.Selected != "Beta, retold" {
		t.Errorf("after a rename: selected %v, shows %q", s, p.sel.Selected)
	}
	if err := lib.DeleteStory(b.ID); err != nil {
		t.Fatal(err)
	}
	p.Reload()
	if p.Selected() != nil || p.sel.Selected != "No story" || picks[len(picks)-1] != "" {
		t.Errorf("after a delete: selected %v, shows %q, last onPick %q; want none", p.Selected(), p.sel.Selected, picks[len(picks)-1])
	}
}
