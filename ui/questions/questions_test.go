package questions

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

type bankFixture struct {
	lib     *practice.Library
	win     fyne.Window
	v       *View
	backs   int
	changed [][]practice.Question
}

func newBankFixture(t *testing.T, builtin []practice.Question, setup func(lib *practice.Library)) *bankFixture {
	t.Helper()
	f := &bankFixture{win: uitest.ViewWindow(t)}
	lib := uitest.OpenLibrary(t)
	f.lib = lib
	if setup != nil {
		setup(lib)
	}
	f.v = New(lib, builtin, f.win, Handlers{
		Back:    func() { f.backs++ },
		Changed: func(qs []practice.Question) { f.changed = append(f.changed, qs) },
	})
	uitest.Route(f.win, f.v, f.v.Content())
	f.v.Focus()
	return f
}

// bank reads the saved bank.
func (f *bankFixture) bank(t *testing.T) practice.QuestionBank {
	t.Helper()
	b, err := f.lib.Bank()
	if err != nil {
		t.Fatalf("Bank: %v", err)
	}
	return b
}

// lastChanged is the list Changed got last, as IDs.
func (f *bankFixture) lastChanged(t *testing.T) []string {
	t.Helper()
	if len(f.changed) == 0 {
		t.Fatal("Changed was not called")
	}
	return ids(f.changed[len(f.changed)-1])
}

func ids(qs []practice.Question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return out
}

// row is the check box and marker the list shows for row i.
func (f *bankFixture) row(t *testing.T, i int) (*widget.Check, *widget.Label) {
	t.Helper()
	o := f.v.list.CreateItem()
	f.v.list.UpdateItem(i, o)
	box := o.(*fyne.Container)
	return box.Objects[1].(*widget.Check), box.Objects[2].(*widget.Label)
}

// addQuestion types a question in the entry and presses Enter.
func (f *bankFixture) addQuestion(text string) {
	f.win.Canvas().Focus(f.v.entry)
	f.v.entry.SetText("")
	test.Type(f.v.entry, text)
	f.v.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func TestQuestionBankList(t *testing.T) {
	f := newBankFixture(t, uitest.Questions, func(lib *practice.Library) {
		b := practice.QuestionBank{}
		if _, err := b.Add("Tell me about a time you had to admit you were wrong.", uitest.Questions); err != nil {
			t.Fatal(err)
		}
		b.SetEnabled("q02", false)
		if err := lib.SaveBank(b); err != nil {
			t.Fatal(err)
		}
	})
	test.AssertRendersToMarkup(t, "questionbank_list.xml", f.win.Canvas())
	test.AssertRendersToImage(t, "questionbank_list.png", f.win.Canvas())
	tests := []struct {
		row      int
		wantOn   bool
		wantMark string
	}{
		{0, true, "built-in"},
		{1, false, "built-in"},
		{2, true, "built-in"},
		{3, true, "yours"},
	}
	if n := f.v.list.Length(); n != len(tests) {
		t.Fatalf("list has %d rows, want %d", n, len(tests))
	}
	for _, tt := range tests {
		check, mark := f.row(t, tt.row)
		if check.Checked != tt.wantOn || mark.Text != tt.wantMark {
			t.Errorf("row %d: on %v, marker %q; want %v, %q", tt.row, check.Checked, mark.Text, tt.wantOn, tt.wantMark)
		}
	}
}

func TestQuestionBankAddEditDisable(t *testing.T) {
	f := newBankFixture(t, uitest.Questions, nil)

	f.addQuestion("  Tell me about a time you let a customer down.  ")
	b := f.bank(t)
	if len(b.Custom) != 1 || b.Custom[0].Text != "Tell me about a time you let a customer down." {
		t.Fatalf("after Add: custom = %+v, want the new question, trimmed", b.Custom)
	}
	id := b.Custom[0].ID
	if got, want := f.lastChanged(t), []string{"q01", "q02", "q03", id}; !slices.Equal(got, want) {
		t.Errorf("Changed after Add got %v, want %v", got, want)
	}
	if f.v.entry.Text != "" || f.v.sel != 3 {
		t.Errorf("after Add: entry %q, selected row %d; want empty and 3 (the new question)", f.v.entry.Text, f.v.sel)
	}

	// A repeat of a built-in question is refused, and nothing is saved.
	calls := len(f.changed)
	f.addQuestion("what was your BIGGEST failure, and what did you learn from it?")
	if b := f.bank(t); len(b.Custom) != 1 || len(f.changed) != calls {
		t.Errorf("repeated question: custom %+v, Changed calls %d; want it refused", b.Custom, len(f.changed)-calls)
	}
	if !strings.Contains(f.v.status.Text, "already in the bank") || strings.Contains(f.v.status.Text, "practice:") {
		t.Errorf("status = %q, want a plain \"already in the bank\"", f.v.status.Text)
	}

	// Edit the user's own question (Ctrl+E, Enter).
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyE))
	if f.v.editing != id || f.v.entry.Text != "Tell me about a time you let a customer down." || f.win.Canvas().Focused() != f.v.entry {
		t.Fatalf("Ctrl+E: editing %q, entry %q; want %s with its text, focused", f.v.editing, f.v.entry.Text, id)
	}
	f.v.entry.SetText("Tell me about a time you let a client down.")
	f.v.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if b := f.bank(t); len(b.Custom) != 1 || b.Custom[0].ID != id || b.Custom[0].Text != "Tell me about a time you let a client down." {
		t.Errorf("after Edit: custom %+v, want %s with the new text", b.Custom, id)
	}
	if f.v.editing != "" || f.v.entry.Text != "" {
		t.Errorf("after Edit: still editing %q, entry %q", f.v.editing, f.v.entry.Text)
	}

	// Built-in questions cannot be edited.
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyUp))
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyUp)) // row 1: q02
	if f.v.sel != 1 {
		t.Fatalf("Ctrl+Up twice: selected row %d, want 1", f.v.sel)
	}
	if !f.v.edit.Disabled() {
		t.Error("Edit is enabled on a built-in question")
	}
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyE))
	if f.v.editing != "" || !strings.Contains(f.v.status.Text, "Built-in questions cannot be edited") {
		t.Errorf("Ctrl+E on built-in: editing %q, status %q", f.v.editing, f.v.status.Text)
	}

	// Turn q02 off (Ctrl+T), then on with its check box.
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyT))
	if b := f.bank(t); !slices.Equal(b.Disabled, []string{"q02"}) {
		t.Errorf("after Ctrl+T: disabled %v, want [q02]", b.Disabled)
	}
	if got, want := f.lastChanged(t), []string{"q01", "q03", id}; !slices.Equal(got, want) {
		t.Errorf("Changed after turning q02 off: %v, want %v", got, want)
	}
	if f.v.toggle.Text != "Turn on (Ctrl+T)" {
		t.Errorf("toggle button says %q, want \"Turn on (Ctrl+T)\"", f.v.toggle.Text)
	}
	check, _ := f.row(t, 1)
	if check.Checked {
		t.Error("q02's box is ticked after turning it off")
	}
	check.SetChecked(true)
	if b := f.bank(t); len(b.Disabled) != 0 {
		t.Errorf("after ticking q02: disabled %v, want none", b.Disabled)
	}

	// Escape cancels an edit, then goes back.
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyDown))
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyDown)) // row 3: the user's question
	uitest.Press(t, f.win, uitest.Ctrl(fyne.KeyE))
	f.v.entry.SetText("Something else")
	uitest.Hit(f.win, fyne.KeyEscape)
	if b := f.bank(t); b.Custom[0].Text != "Tell me about a time you let a client down." || f.v.editing != "" || f.backs != 0 {
		t.Errorf("Escape while editing: custom %+v, editing %q, backs %d; want unchanged, not editing, 0", b.Custom, f.v.editing, f.backs)
	}
	uitest.Hit(f.win, fyne.KeyEscape)
	if f.backs != 1 {
		t.Errorf("Escape: Back called %d times, want 1", f.backs)
	}
}

func TestQuestionBankKeepsOneOn(t *testing.T) {
	builtin := uitest.Questions[:2]
	f := newBankFixture(t, builtin, nil)
	check0, _ := f.row(t, 0)
	check0.SetChecked(false)
	if b := f.bank(t); !slices.Equal(b.Disabled, []string{"q01"}) {
		t.Fatalf("disabled %v, want [q01]", b.Disabled)
	}
	calls := len(f.changed)
	check1, _ := f.row(t, 1)
	check1.SetChecked(false)
	if b := f.bank(t); !slices.Equal(b.Disabled, []string{"q01"}) || len(f.changed) != calls {
		t.Errorf("turning off the last question: disabled %v, Changed calls %d; want it refused", b.Disabled, len(f.changed)-calls)
	}
	if !strings.Contains(f.v.status.Text, "At least one question has to stay on") {
		t.Errorf("status = %q, want it to say why", f.v.status.Text)
	}
	if check, _ := f.row(t, 1); !check.Checked {
		t.Error("the last question's box shows it off after the refusal")
	}
}

func TestQuestionBankImportBadFile(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string // in the dialog
	}{
		{"bad.txt", "Tell me about a failure.\n\nq9 | badtag | Text of a question\n", "Line 3:"},
		{"bad.json", "{\"questions\": [\n  {\"text\": \"One\"},\n  {\"text\": 7}\n]}\n", "Line 3:"},
		{"empty.txt", "# only a comment\n", "holds no questions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newBankFixture(t, uitest.Questions, nil)
			err := f.v.importData([]byte(tt.data), tt.name)
			if err == nil {
				t.Fatal("importData accepted a bad file")
			}
			f.v.showImportError(tt.name, err)
			text := uitest.WindowText(f.win)
			for _, want := range []string{"Nothing was imported from " + tt.name, tt.want} {
				if !strings.Contains(text, want) {
					t.Errorf("the dialog does not say %q: %q", want, text)
				}
			}
			if _, err := os.Stat(filepath.Join(f.lib.Dir, practice.QuestionsName)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("questions.json after a failed import: %v, want none written", err)
			}
			if len(f.changed) != 0 {
				t.Error("Changed called after a failed import")
			}
			uitest.Hit(f.win, fyne.KeyReturn)
			if uitest.DialogOpen(f.win) {
				t.Error("Enter did not close the import dialog")
			}
		})
	}
}

func TestQuestionBankImport(t *testing.T) {
	f := newBankFixture(t, uitest.Questions, nil)
	data := "# from the advert\nWhat would you do differently in your last project?\n" +
		uitest.Questions[0].Text + "\nTell me about a risk you took that did not pay off.\n"
	if err := f.v.importData([]byte(data), "advert.txt"); err != nil {
		t.Fatalf("importData: %v", err)
	}
	b := f.bank(t)
	if len(b.Custom) != 2 {
		t.Fatalf("custom after import: %+v, want 2 questions", b.Custom)
	}
	if want := "Imported 2 questions from advert.txt. 1 was already in your list."; f.v.status.Text != want {
		t.Errorf("status = %q, want %q", f.v.status.Text, want)
	}
	if got := f.lastChanged(t); len(got) != 5 {
		t.Errorf("Changed got %v, want 5 questions", got)
	}
	// The same file again adds nothing.
	calls := len(f.changed)
	if err := f.v.importData([]byte(data), "advert.txt"); err != nil {
		t.Fatalf("importData again: %v", err)
	}
	if b := f.bank(t); len(b.Custom) != 2 || len(f.changed) != calls || !strings.Contains(f.v.status.Text, "nothing changed") {
		t.Errorf("second import: custom %d, Changed calls %d, status %q", len(b.Custom), len(f.changed)-calls, f.v.status.Text)
	}
}

func TestQuestionBankExportRoundTrip(t *testing.T) {
	for _, name := range []string{"questions.txt", "questions.json", "QUESTIONS.JSON"} {
		t.Run(name, func(t *testing.T) {
			// The domain checks custom questions against the real built-in
			// bank, so these stay clear of it.
			from := newBankFixture(t, nil, nil)
			from.addQuestion("Tell me about a time you let a customer down.")
			from.addQuestion("What is a decision | you would make differently?")
			from.addQuestion("Quel a été votre plus grand « échec » ? Say \"why\".")
			if n := len(from.v.all); n != 3 {
				t.Fatalf("%d questions to export, want 3 (status %q)", n, from.v.status.Text)
			}
			data, err := from.v.exportData(name)
			if err != nil {
				t.Fatalf("exportData: %v", err)
			}
			if isJSON := strings.HasPrefix(strings.TrimSpace(string(data)), "{") || strings.HasPrefix(strings.TrimSpace(string(data)), "["); isJSON != strings.HasSuffix(strings.ToLower(name), ".json") {
				t.Errorf("export to %s starts %q: wrong format", name, data[:min(len(data), 20)])
			}
			to := newBankFixture(t, nil, nil)
			if err := to.v.importData(data, name); err != nil {
				t.Fatalf("importData: %v", err)
			}
			var got, want []string
			for _, q := range to.v.all {
				got = append(got, q.Text)
			}
			for _, q := range from.v.all {
				want = append(want, q.Text)
			}
			if !slices.Equal(got, want) {
				t.Errorf("round trip:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

func TestQuestionBankUnreadable(t *testing.T) {
	var path string
	f := newBankFixture(t, uitest.Questions, func(lib *practice.Library) {
		path = filepath.Join(lib.Dir, practice.QuestionsName)
		if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
			t.Fatal(err)
		}
	})
	if !strings.Contains(f.v.status.Text, "could not be read") || !strings.Contains(f.v.status.Text, "questions.json") {
		t.Errorf("status = %q, want it to say questions.json could not be read", f.v.status.Text)
	}
	if n := f.v.list.Length(); n != len(uitest.Questions) {
		t.Errorf("list has %d rows, want the %d built-in questions", n, len(uitest.Questions))
	}
	f.addQuestion("A new one")
	if err := f.v.importData([]byte("Another one\n"), "x.txt"); err == nil {
		t.Error("importData into an unreadable bank succeeded")
	}
	if data, _ := os.ReadFile(path); string(data) != "{not json" {
		t.Errorf("questions.json was changed to %q", data)
	}
	if len(f.changed) != 0 {
		t.Error("Changed called while the bank cannot be read")
	}
}

// TestNewQuestionInView: a question added at the end of a long list is
// scrolled into view in a small window, and the message about it ends in
// one full stop.
func TestNewQuestionInView(t *testing.T) {
	f := newBankFixture(t, practice.Questions(), nil) // a long list
	f.win.Resize(fyne.NewSize(800, 600))
	widgets.Relayout(f.win.Content())
	const text = "Tell me about a time you let a customer down."
	f.win.Canvas().Focus(f.v.entry)
	test.Type(f.v.entry, text)
	f.v.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	var row fyne.CanvasObject
	uitest.WalkObjects(f.v.list, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == text && l.Visible() {
			row = l
		}
	})
	if row == nil || !uitest.InView(f.win, row) {
		t.Errorf("the new question is not in view in the list")
	}
	if strings.Contains(f.v.status.Text, "..") || strings.Contains(f.v.status.Text, ".”.") {
		t.Errorf("status = %q: it ends in two full stops", f.v.status.Text)
	}
}
