package practice

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var testBuiltin = []Question{
	{ID: "q01", Text: "What was your biggest failure?", Seed: true},
	{ID: "q02", Text: "Tell me about a time you failed."},
}

func questionIDs(qs []Question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return out
}

func TestBankAddEditEnable(t *testing.T) {
	var b QuestionBank
	q1, err := b.Add("  Tell me about a project\n that went  wrong. ", testBuiltin)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	if want := (Question{ID: "c001", Text: "Tell me about a project that went wrong."}); q1 != want {
		t.Errorf("Add = %+v, want %+v", q1, want)
	}
	q2, err := b.Add("What would you do differently?", testBuiltin)
	if err != nil || q2.ID != "c002" {
		t.Fatalf("second Add = %+v, %v; want ID c002", q2, err)
	}

	refused := []struct{ text, want string }{
		{"", "the question is empty"},
		{" \n\t", "the question is empty"},
		{strings.Repeat("x", MaxTextLen+1), "401 characters long: keep it to 400"},
		{"WHAT was your   biggest failure?", "already in the bank, as built-in question q01"},
		{"tell me about a project that went wrong.", "already in the bank, as your question c001"},
	}
	for _, tt := range refused {
		_, err := b.Add(tt.text, testBuiltin)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "practice: add question: ") {
			t.Errorf("Add(%.30q) = %v, want an error containing %q", tt.text, err, tt.want)
		}
	}
	if len(b.Custom) != 2 {
		t.Errorf("refused adds changed the bank: %+v", b.Custom)
	}

	if err := b.Edit("c001", "Tell me about a project that failed."); err != nil {
		t.Fatalf("Edit: %v", err)
	}
	if b.Custom[0].Text != "Tell me about a project that failed." {
		t.Errorf("after Edit: %+v", b.Custom[0])
	}
	// Editing to its own text, in another case, is fine.
	if err := b.Edit("c001", "tell me about a project that failed."); err != nil {
		t.Errorf("Edit to its own text: %v", err)
	}
	builtinID := Questions()[0].ID
	editRefused := []struct{ id, text, want string }{
		{builtinID, "Anything", "is a built-in question and cannot be changed"},
		{"c999", "Anything", "no question c999"},
		{"c001", "", "the question is empty"},
		{"c001", "What would you do DIFFERENTLY?", "already in the bank, as your question c002"},
		{"c001", Questions()[1].Text, "already in the bank, as built-in question " + Questions()[1].ID},
	}
	for _, tt := range editRefused {
		if err := b.Edit(tt.id, tt.text); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Edit(%s, %q) = %v, want an error containing %q", tt.id, tt.text, err, tt.want)
		}
	}

	// All and Enabled.
	if got, want := questionIDs(b.All(testBuiltin)), []string{"q01", "q02", "c001", "c002"}; !slices.Equal(got, want) {
		t.Errorf("All = %v, want %v", got, want)
	}
	b.SetEnabled("q02", false)
	b.SetEnabled("c001", false)
	b.SetEnabled("c001", false) // twice is once
	if got, want := b.Disabled, []string{"q02", "c001"}; !slices.Equal(got, want) {
		t.Errorf("Disabled = %v, want %v", got, want)
	}
	if got, want := questionIDs(b.Enabled(testBuiltin)), []string{"q01", "c002"}; !slices.Equal(got, want) {
		t.Errorf("Enabled = %v, want %v", got, want)
	}
	if b.IsEnabled("q02") || !b.IsEnabled("q01") || !b.IsCustom("c002") || b.IsCustom("q01") {
		t.Errorf("IsEnabled/IsCustom wrong for %+v", b)
	}
	b.SetEnabled("q02", true)
	if got, want := questionIDs(b.Enabled(testBuiltin)), []string{"q01", "q02", "c002"}; !slices.Equal(got, want) {
		t.Errorf("after enabling q02, Enabled = %v, want %v", got, want)
	}
}

func TestBankNextID(t *testing.T) {
	b := QuestionBank{Custom: []Question{{ID: "c007", Text: "a"}, {ID: "mine", Text: "b"}, {ID: "c2", Text: "c"}}}
	q, err := b.Add("d", testBuiltin)
	if err != nil || q.ID != "c008" {
		t.Errorf("Add after c007 = %+v, %v; want c008", q, err)
	}
	b = QuestionBank{Custom: []Question{{ID: "c999", Text: "a"}}}
	if q, _ := b.Add("d", testBuiltin); q.ID != "c1000" {
		t.Errorf("Add after c999 = %q, want c1000", q.ID)
	}
}

func TestAllSkipsRepeats(t *testing.T) {
	b := QuestionBank{Custom: []Question{
		{ID: "q01", Text: "Same ID as built in"},
		{ID: "c001", Text: "what was your  BIGGEST failure?"},
		{ID: "c002", Text: "New"},
	}}
	if got, want := questionIDs(b.All(testBuiltin)), []string{"q01", "q02", "c002"}; !slices.Equal(got, want) {
		t.Errorf("All = %v, want %v", got, want)
	}
	if got := b.All(testBuiltin)[0].Text; got != testBuiltin[0].Text {
		t.Errorf("All()[0] is the custom question %q, want the built-in one", got)
	}
}

func TestBankSaveLoad(t *testing.T) {
	l := openLib(t)
	b, err := l.Bank()
	if err != nil || len(b.Custom) != 0 || len(b.Disabled) != 0 {
		t.Fatalf("Bank() of a new library = %+v, %v; want an empty bank", b, err)
	}
	builtin := Questions()
	if _, err := b.Add("Tell me about a risk that did not pay off.", builtin); err != nil {
		t.Fatal(err)
	}
	b.Custom = append(b.Custom, Question{ID: "imp_1", Text: "An imported  one", Seed: true})
	b.SetEnabled(builtin[0].ID, false)
	if err := l.SaveBank(b); err != nil {
		t.Fatalf("SaveBank: %v", err)
	}
	checkMode(t, filepath.Join(l.Dir, QuestionsName), 0o600)
	got, err := l.Bank()
	if err != nil {
		t.Fatalf("Bank: %v", err)
	}
	want := QuestionBank{
		Custom: []Question{
			{ID: "c001", Text: "Tell me about a risk that did not pay off."},
			{ID: "imp_1", Text: "An imported one", Seed: true}, // spacing tidied on save
		},
		Disabled: []string{builtin[0].ID},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Bank() = %+v\nwant %+v", got, want)
	}
	if b.Custom[1].Text != "An imported  one" {
		t.Errorf("SaveBank changed the caller's bank: %q", b.Custom[1].Text)
	}
	data, _ := os.ReadFile(filepath.Join(l.Dir, QuestionsName))
	for _, key := range []string{`"schema": 1`, `"custom"`, `"disabled"`, `"id": "c001"`, `"text"`, `"seed": true`} {
		if !strings.Contains(string(data), key) {
			t.Errorf("questions.json lacks %s:\n%s", key, data)
		}
	}
}

func TestSaveBankRefuses(t *testing.T) {
	builtin := Questions()
	allOff := QuestionBank{}
	for _, q := range builtin {
		allOff.SetEnabled(q.ID, false)
	}
	tests := []struct {
		name string
		b    QuestionBank
		want string
	}{
		{"id of a built-in", QuestionBank{Custom: []Question{{ID: builtin[0].ID, Text: "x"}}}, "two questions have the id " + builtin[0].ID + " (a built-in question too)"},
		{"same id twice", QuestionBank{Custom: []Question{{ID: "c001", Text: "x"}, {ID: "c001", Text: "y"}}}, "two questions have the id c001 (another of yours too)"},
		{"no id", QuestionBank{Custom: []Question{{Text: "x"}}}, "missing id"},
		{"bad id", QuestionBank{Custom: []Question{{ID: "c-1", Text: "x"}}}, "may only hold letters, digits and _"},
		{"empty text", QuestionBank{Custom: []Question{{ID: "c001", Text: "  "}}}, "question c001: the question is empty"},
		{"long text", QuestionBank{Custom: []Question{{ID: "c001", Text: strings.Repeat("y", MaxTextLen+1)}}}, "401 characters long"},
		{"text of a built-in", QuestionBank{Custom: []Question{{ID: "c001", Text: strings.ToUpper(builtin[2].Text)}}}, "question c001 repeats built-in question " + builtin[2].ID},
		{"same text twice", QuestionBank{Custom: []Question{{ID: "c001", Text: "x y"}, {ID: "c002", Text: "X  Y"}}}, "question c002 repeats question c001"},
		{"all off", allOff, "every question is switched off: keep at least one on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := openLib(t)
			err := l.SaveBank(tt.b)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "practice: save question bank: ") {
				t.Errorf("SaveBank = %v, want an error containing %q", err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(l.Dir, QuestionsName)); err == nil {
				t.Errorf("a refused bank was written")
			}
		})
	}
	// All built-in off but one of the user's on is fine.
	l := openLib(t)
	b := allOff
	if _, err := b.Add("Mine", builtin); err != nil {
		t.Fatal(err)
	}
	if err := l.SaveBank(b); err != nil {
		t.Errorf("SaveBank with only a custom question on: %v", err)
	}
}

func TestBankCorruptFile(t *testing.T) {
	tests := []struct{ name, data, reason string }{
		{"cut short", `{"schema": 1, "custom": [`, "cut short"},
		{"custom not a list", "{\"schema\": 1,\n\n\"custom\": 3}", "field custom at line 3 is a JSON number, want a list"},
		{"bad id", `{"schema": 1, "custom": [{"id": "a b", "text": "x"}]}`, `question 1: id "a b" may only hold`},
		{"same id", `{"schema": 1, "custom": [{"id": "c1", "text": "x"}, {"id": "c1", "text": "y"}]}`, `two questions have the id "c1"`},
		{"no text", `{"schema": 1, "custom": [{"id": "c1"}]}`, "question c1 has no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := openLib(t)
			path := filepath.Join(l.Dir, QuestionsName)
			if err := os.WriteFile(path, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := l.Bank()
			var fe *FileError
			if !errors.As(err, &fe) || !errors.Is(err, ErrDamagedFile) || !strings.Contains(fe.Reason, tt.reason) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Bank() = %v, want a *FileError naming %s with a reason containing %q", err, path, tt.reason)
			}
			if err := l.SaveBank(QuestionBank{}); !errors.Is(err, ErrDamagedFile) {
				t.Errorf("SaveBank over a damaged file = %v, want it refused", err)
			}
			if got, _ := os.ReadFile(path); string(got) != tt.data {
				t.Errorf("questions.json was changed to %q", got)
			}
		})
	}
}

// lineErrors returns the lines and messages of the *LineError values
// joined in err.
func questionLineErrors(t *testing.T, err error) (lines []int, msgs []string) {
	t.Helper()
	multi, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v does not join *LineError values", err)
	}
	for _, e := range multi.Unwrap() {
		var le *LineError
		if !errors.As(e, &le) {
			t.Fatalf("error %v is not a *LineError", e)
		}
		lines = append(lines, le.Line)
		msgs = append(msgs, le.Msg)
	}
	return lines, msgs
}

func TestImportQuestions(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []Question
	}{
		{"text", "mine.txt", "# my questions\n\nWhat went wrong?\r\n  Tell me about   a setback.  \n", []Question{{Text: "What went wrong?"}, {Text: "Tell me about a setback."}}},
		{"text with bank lines", "bank.txt", "\uFEFFq01 | seed | What was your biggest failure?\nx_2 |  | A | with bars\nPlain one\nw|seed|compact form\n", []Question{
			{ID: "q01", Text: "What was your biggest failure?", Seed: true},
			{ID: "x_2", Text: "A | with bars"},
			{Text: "Plain one"},
			{ID: "w", Text: "compact form", Seed: true},
		}},
		{"plain line with one bar", "a.txt", "Plan A|Plan B: which failed?\n", []Question{{Text: "Plan A|Plan B: which failed?"}}},
		{"json object", "q.json", `{"questions": [{"id": "c001", "text": "One?"}, {"text": " Two? ", "seed": true}, {"id": "", "text": "Three?"}], "app": "x"}`, []Question{
			{ID: "c001", Text: "One?"}, {Text: "Two?", Seed: true}, {Text: "Three?"},
		}},
		{"json strings", "q.JSON", `["One?", "Two\nlines?"]`, []Question{{Text: "One?"}, {Text: "Two lines?"}}},
		{"json objects", "q.json", `[{"text": "One?", "tags": ["x"]}]`, []Question{{Text: "One?"}}},
		{"sniffed json", "questions", "\n  [\"One?\"]", []Question{{Text: "One?"}}},
		{"sniffed text", "questions.md", "One?\n", []Question{{Text: "One?"}}},
		{"json named txt is text", "q.txt", `["One?"]`, []Question{{Text: `["One?"]`}}},
		{"repeats kept", "q.txt", "Same\nsame\n", []Question{{Text: "Same"}, {Text: "same"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ImportQuestions([]byte(tt.data), tt.file)
			if err != nil {
				t.Fatalf("ImportQuestions: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ImportQuestions = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestImportQuestionsBad(t *testing.T) {
	tests := []struct {
		name, file, data string
		lines            []int
		msgs             []string // substrings, one per line error
	}{
		{"text lines", "q.txt", "Good one\n# comment\nq 1 | | space in id\nq2 | motto | tag\n\xff\xfe\n" + strings.Repeat("z", MaxTextLen+1) + "\nq3 | seed |\n", []int{3, 4, 5, 6, 7}, []string{
			`id "q 1" may only hold letters, digits and _`, `unknown tag "motto"`, "not valid UTF-8", "401 characters long", "the question is empty",
		}},
		{"json syntax", "q.json", "{\"questions\": [\n  \"One\",\n  \"Two\" \"Three\"\n]}", []int{3}, []string{"not valid JSON: expected comma"}},
		// The Decoder counts a syntax error's offset from the value it
		// began, not from the start of the file: the line is that of A.
		{"json syntax after elements", "q.json", "[\n\"\",\n\"b\",\nA]", []int{2, 4}, []string{"question 1: the question is empty", "not valid JSON: invalid character 'A'"}},
		{"json cut short", "q.json", "[\n\"One\",\n", []int{3}, []string{"the file ends too soon"}},
		{"json bad elements", "q.json", "[\n  \"Fine\",\n  42,\n  {\"id\": \"x\"},\n  {\"text\": 5},\n  {\"id\": \"bad id\", \"text\": \"x\"},\n  \"\",\n  null\n]", []int{3, 4, 5, 6, 7, 8}, []string{
			"question 2 is a JSON number", `question 3 has no "text"`, `question 4: "text" is a JSON number, want a string`, `question 5: id "bad id"`, "question 6: the question is empty", "question 7 is a JSON null",
		}},
		{"json multi-line element", "q.json", "[\"ok\",\n  {\n   \"id\": 7,\n   \"text\": \"x\"}]", []int{2}, []string{`question 2: "id" is a JSON number, want a string`}},
		{"json questions not a list", "q.json", "{\n\"questions\": {}}", []int{2}, []string{`"questions" must be a list`}},
		{"json no questions key", "q.json", `{"qs": []}`, []int{1}, []string{`no "questions" list`}},
		{"json number", "q.json", "\n7", []int{2}, []string{"the file holds a single value"}},
		{"json trailing", "q.json", "[\"a\"]\n\n[\"b\"]", []int{3}, []string{"more data after the end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ImportQuestions([]byte(tt.data), tt.file)
			if err == nil {
				t.Fatalf("ImportQuestions = %+v, nil; want an error", got)
			}
			if got != nil {
				t.Errorf("questions %+v returned with an error", got)
			}
			t.Logf("error:\n%v", err)
			lines, msgs := questionLineErrors(t, err)
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("error lines = %v, want %v (%v)", lines, tt.lines, err)
			}
			for i, m := range msgs {
				if i < len(tt.msgs) && !strings.Contains(m, tt.msgs[i]) {
					t.Errorf("line %d: message %q, want it to contain %q", lines[i], m, tt.msgs[i])
				}
			}
			// The message reads "practice: line N: ...".
			if want := "practice: line " + strconv.Itoa(tt.lines[0]) + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
		})
	}
}

func TestImportQuestionsEmpty(t *testing.T) {
	for _, tt := range []struct{ name, data string }{
		{"q.txt", ""}, {"q.txt", "# only a comment\n\n"}, {"q.json", "[]"}, {"q.json", `{"questions": []}`}, {"q.json", ""}, {"q", "  \n"},
	} {
		if got, err := ImportQuestions([]byte(tt.data), tt.name); !errors.Is(err, ErrNoQuestions) || got != nil {
			t.Errorf("ImportQuestions(%q, %q) = %v, %v; want ErrNoQuestions", tt.data, tt.name, got, err)
		}
	}
}

func TestImportQuestionsTooMany(t *testing.T) {
	var b strings.Builder
	for i := range MaxCustomQuestions + 1 {
		b.WriteString("Question number " + strconv.Itoa(i) + "?\n")
	}
	_, err := ImportQuestions([]byte(b.String()), "many.txt")
	lines, _ := questionLineErrors(t, err)
	if !slices.Equal(lines, []int{MaxCustomQuestions + 1}) {
		t.Errorf("error lines = %v, want [%d]", lines, MaxCustomQuestions+1)
	}
}

func TestQuestionsExportImportRoundTrip(t *testing.T) {
	qs := []Question{
		{ID: "q01", Text: "What was your biggest failure?", Seed: true},
		{ID: "c001", Text: "A | with bars, and \"quotes\""},
		{ID: "c002", Text: "# not a comment when it has an ID"},
		{ID: "c_3", Text: "Ünïcödé ✓"},
	}
	text := ExportQuestionsText(qs)
	got, err := ImportQuestions(text, "export.txt")
	if err != nil {
		t.Fatalf("importing the text export: %v\n%s", err, text)
	}
	if !reflect.DeepEqual(got, qs) {
		t.Errorf("text round trip = %+v\nwant %+v\nfile:\n%s", got, qs, text)
	}
	js, err := ExportQuestionsJSON(qs)
	if err != nil {
		t.Fatal(err)
	}
	got, err = ImportQuestions(js, "export.json")
	if err != nil {
		t.Fatalf("importing the JSON export: %v\n%s", err, js)
	}
	if !reflect.DeepEqual(got, qs) {
		t.Errorf("JSON round trip = %+v\nwant %+v\nfile:\n%s", got, qs, js)
	}
	if !strings.HasPrefix(string(js), "{\n  \"questions\": [\n") {
		t.Errorf("JSON export starts %q", js[:min(len(js), 30)])
	}
	// Questions without an ID export as their text.
	if got := string(ExportQuestionsText([]Question{{Text: "Just text?"}})); !strings.HasSuffix(got, "\nJust text?\n") {
		t.Errorf("export of a question without ID = %q", got)
	}
	if js, _ := ExportQuestionsJSON(nil); !strings.Contains(string(js), `"questions": []`) {
		t.Errorf("JSON export of nothing = %s", js)
	}
}

func TestBankImport(t *testing.T) {
	b := QuestionBank{Custom: []Question{{ID: "c001", Text: "Mine"}}}
	b.SetEnabled("c001", false)
	qs := []Question{
		{ID: "c001", Text: "Clashing ID"},               // ID taken: renumbered
		{ID: "q02", Text: "Clashes with a built-in ID"}, // ID taken: renumbered
		{Text: "what was your biggest  FAILURE?"},       // built-in text: skipped
		{Text: "mine"}, // custom text: skipped
		{ID: "ext_7", Text: "Kept ID", Seed: true}, // kept
		{Text: "No ID"},            // numbered
		{ID: "z", Text: "kept id"}, // repeats an earlier import: skipped
	}
	added, skipped, err := b.Import(qs, testBuiltin)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if added != 4 || skipped != 3 {
		t.Errorf("Import = %d added, %d skipped; want 4, 3", added, skipped)
	}
	want := []Question{
		{ID: "c001", Text: "Mine"},
		{ID: "c002", Text: "Clashing ID"},
		{ID: "c003", Text: "Clashes with a built-in ID"},
		{ID: "ext_7", Text: "Kept ID", Seed: true},
		{ID: "c004", Text: "No ID"},
	}
	if !reflect.DeepEqual(b.Custom, want) {
		t.Errorf("Custom = %+v\nwant %+v", b.Custom, want)
	}
	if !slices.Equal(b.Disabled, []string{"c001"}) {
		t.Errorf("Disabled = %v, want [c001]", b.Disabled)
	}

	// A bad question: nothing changes.
	before := slices.Clone(b.Custom)
	if _, _, err := b.Import([]Question{{Text: "Fine"}, {Text: " "}}, testBuiltin); err == nil || !strings.Contains(err.Error(), "question 2: the question is empty") {
		t.Errorf("Import with an empty question = %v", err)
	}
	if !reflect.DeepEqual(b.Custom, before) {
		t.Errorf("a refused import changed the bank")
	}
	// Too many: nothing changes.
	many := make([]Question, MaxCustomQuestions)
	for i := range many {
		many[i].Text = "Q" + strconv.Itoa(i)
	}
	if _, _, err := b.Import(many, testBuiltin); err == nil || !strings.Contains(err.Error(), "more than 1000") {
		t.Errorf("Import of too many = %v", err)
	}
	if !reflect.DeepEqual(b.Custom, before) {
		t.Errorf("a refused import changed the bank")
	}
}
