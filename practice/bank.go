package practice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxCustomQuestions is how many questions of their own a user can keep in
// the bank, and how many one import may hold.
const MaxCustomQuestions = 1000

// QuestionBank is the user's own questions and the built-in ones they
// switched off. It is stored in the library as questions.json. The zero
// value is an empty bank: every built-in question is asked.
type QuestionBank struct {
	Custom   []Question `json:"custom"`             // IDs start with "c" (c001, c002...) or are kept from an import
	Disabled []string   `json:"disabled,omitempty"` // IDs of built-in or custom questions not asked
}

// bankFile is questions.json.
type bankFile struct {
	Schema   int        `json:"schema"`
	Custom   []Question `json:"custom"`
	Disabled []string   `json:"disabled,omitempty"`
}

// textKey is what two question texts are compared by: case and spacing
// do not count.
func textKey(text string) string { return strings.ToLower(normText(text)) }

// normText trims text and turns every run of spaces and line breaks in it
// into one space.
func normText(text string) string { return strings.Join(strings.Fields(text), " ") }

// checkText checks a question's text, normalised with normText.
func checkText(text string) error {
	if text == "" {
		return errors.New("the question is empty: type it as an interviewer would ask it")
	}
	if !utf8.ValidString(text) {
		return errors.New("the question is not valid UTF-8 text")
	}
	if n := utf8.RuneCountInString(text); n > MaxTextLen {
		return fmt.Errorf("the question is %d characters long: keep it to %d", n, MaxTextLen)
	}
	return nil
}

// Bank returns the library's question bank. A library without
// questions.json has an empty bank. The error is a *FileError if
// questions.json cannot be read.
func (l *Library) Bank() (QuestionBank, error) {
	fileMu.Lock()
	defer fileMu.Unlock()
	return l.bank()
}

func (l *Library) bank() (QuestionBank, error) {
	var f bankFile
	if _, err := l.readLibFile(QuestionsName, &f); err != nil {
		return QuestionBank{}, err
	}
	damaged := func(format string, args ...any) (QuestionBank, error) {
		return QuestionBank{}, &FileError{Path: filepath.Join(l.Dir, QuestionsName), Reason: fmt.Sprintf(format, args...), kind: ErrDamagedFile}
	}
	seen := map[string]bool{}
	for i, q := range f.Custom {
		if err := checkQuestionID(q.ID); err != nil {
			return damaged("question %d: %v", i+1, err)
		}
		if seen[q.ID] {
			return damaged("two questions have the id %q", q.ID)
		}
		seen[q.ID] = true
		if normText(q.Text) == "" {
			return damaged("question %s has no text", q.ID)
		}
	}
	return QuestionBank{Custom: f.Custom, Disabled: f.Disabled}, nil
}

// SaveBank checks the bank against the built-in questions (Questions) and
// writes it as questions.json, atomically and with mode 0600. IDs must be
// unique and valid, texts unique (ignoring case and spacing) and at most
// MaxTextLen characters, and at least one question must stay switched on.
// Texts are saved with their spacing tidied (see Add). It refuses to write
// over a questions.json that cannot be read.
func (l *Library) SaveBank(b QuestionBank) error {
	b.Custom = slices.Clone(b.Custom)
	for i := range b.Custom {
		b.Custom[i].Text = normText(b.Custom[i].Text)
	}
	if err := b.check(Questions()); err != nil {
		return wrapErr("save question bank", err)
	}
	fileMu.Lock()
	defer fileMu.Unlock()
	if _, err := l.bank(); err != nil {
		return wrapErr("save question bank", err)
	}
	b.Disabled = compactIDs(b.Disabled)
	if b.Custom == nil {
		b.Custom = []Question{}
	}
	if err := l.writeLibFile(QuestionsName, bankFile{Schema: SchemaVersion, Custom: b.Custom, Disabled: b.Disabled}); err != nil {
		return wrapErr("save question bank", err)
	}
	return nil
}

// compactIDs drops repeated IDs, keeping the first of each.
func compactIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// check reports the first problem with the bank's custom questions.
func (b QuestionBank) check(builtin []Question) error {
	if len(b.Custom) > MaxCustomQuestions {
		return fmt.Errorf("the bank holds %d questions of your own; keep it to %d", len(b.Custom), MaxCustomQuestions)
	}
	ids := map[string]string{} // id -> "built in" or "yours"
	texts := map[string]string{}
	for _, q := range builtin {
		ids[q.ID] = "a built-in question"
		texts[textKey(q.Text)] = "built-in question " + q.ID
	}
	for _, q := range b.Custom {
		if err := checkQuestionID(q.ID); err != nil {
			return fmt.Errorf("question %q: %w", q.Text, err)
		}
		if other, dup := ids[q.ID]; dup {
			return fmt.Errorf("two questions have the id %s (%s too)", q.ID, other)
		}
		if err := checkText(normText(q.Text)); err != nil {
			return fmt.Errorf("question %s: %w", q.ID, err)
		}
		key := textKey(q.Text)
		if other, dup := texts[key]; dup {
			return fmt.Errorf("question %s repeats %s", q.ID, other)
		}
		ids[q.ID] = "another of yours"
		texts[key] = "question " + q.ID
	}
	if len(b.Enabled(builtin)) == 0 {
		return errors.New("every question is switched off: keep at least one on, so there is something to practise")
	}
	return nil
}

// All returns the built-in questions, then the custom ones. A custom
// question with the ID or the text of an earlier one is left out, so each
// appears once.
func (b QuestionBank) All(builtin []Question) []Question {
	out := make([]Question, 0, len(builtin)+len(b.Custom))
	ids := map[string]bool{}
	texts := map[string]bool{}
	for _, q := range slices.Concat(builtin, b.Custom) {
		key := textKey(q.Text)
		if ids[q.ID] || texts[key] {
			continue
		}
		ids[q.ID], texts[key] = true, true
		out = append(out, q)
	}
	return out
}

// Enabled returns All minus the questions switched off.
func (b QuestionBank) Enabled(builtin []Question) []Question {
	return slices.DeleteFunc(b.All(builtin), func(q Question) bool {
		return slices.Contains(b.Disabled, q.ID)
	})
}

// IsEnabled reports whether the question with the given ID is asked.
func (b QuestionBank) IsEnabled(id string) bool { return !slices.Contains(b.Disabled, id) }

// IsCustom reports whether the question with the given ID is one of the
// user's own.
func (b QuestionBank) IsCustom(id string) bool {
	return slices.ContainsFunc(b.Custom, func(q Question) bool { return q.ID == id })
}

var customID = regexp.MustCompile(`^c([0-9]+)$`)

// nextID returns the next custom question ID: "c" and one more than the
// highest number in use, at least three digits (c001).
func (b QuestionBank) nextID(builtin []Question) string {
	n := 0
	for _, q := range slices.Concat(builtin, b.Custom) {
		if m := customID.FindStringSubmatch(q.ID); m != nil {
			if v, err := strconv.Atoi(m[1]); err == nil && v > n {
				n = v
			}
		}
	}
	return fmt.Sprintf("c%03d", n+1)
}

// dupOf returns a description of the question in builtin or b.Custom,
// other than the one with ID skip, whose text matches text, or "".
func (b QuestionBank) dupOf(text, skip string, builtin []Question) string {
	key := textKey(text)
	for _, q := range builtin {
		if q.ID != skip && textKey(q.Text) == key {
			return "built-in question " + q.ID
		}
	}
	for _, q := range b.Custom {
		if q.ID != skip && textKey(q.Text) == key {
			return "your question " + q.ID
		}
	}
	return ""
}

// Add adds a question of the user's own, switched on, with the next free
// ID (c001, c002...) and returns it. Spaces around the text are trimmed
// and runs of spaces or line breaks inside it become one space. It refuses
// an empty or too long text, and one that repeats (ignoring case and
// spacing) a built-in question or one of the user's.
func (b *QuestionBank) Add(text string, builtin []Question) (Question, error) {
	text = normText(text)
	if err := checkText(text); err != nil {
		return Question{}, wrapErr("add question", err)
	}
	if len(b.Custom) >= MaxCustomQuestions {
		return Question{}, Errorf("add question", "the bank already holds %d questions of your own; edit one instead", MaxCustomQuestions)
	}
	if dup := b.dupOf(text, "", builtin); dup != "" {
		return Question{}, Errorf("add question", "it is already in the bank, as %s", dup)
	}
	q := Question{ID: b.nextID(builtin), Text: text}
	b.Custom = append(b.Custom, q)
	return q, nil
}

// Edit changes the text of the user's own question id, tidied as Add does.
// Built-in questions cannot be edited. The text must not repeat another
// question, built-in (Questions) or the user's.
func (b *QuestionBank) Edit(id, text string) error {
	i := slices.IndexFunc(b.Custom, func(q Question) bool { return q.ID == id })
	if i < 0 {
		if _, ok := QuestionByID(id); ok {
			return Errorf("edit question", "%s is a built-in question and cannot be changed; add your wording as a new question and switch %s off", id, id)
		}
		return Errorf("edit question", "no question %s in the bank", id)
	}
	text = normText(text)
	if err := checkText(text); err != nil {
		return wrapErr(fmt.Sprintf("edit question %s", id), err)
	}
	if dup := b.dupOf(text, id, Questions()); dup != "" {
		return Errorf(fmt.Sprintf("edit question %s", id), "the new text is already in the bank, as %s", dup)
	}
	b.Custom = slices.Clone(b.Custom)
	b.Custom[i].Text = text
	return nil
}

// SetEnabled switches the question with the given ID on (asked) or off.
// SaveBank refuses a bank with every question off.
func (b *QuestionBank) SetEnabled(id string, on bool) {
	if on {
		b.Disabled = slices.DeleteFunc(slices.Clone(b.Disabled), func(d string) bool { return d == id })
		if len(b.Disabled) == 0 {
			b.Disabled = nil
		}
		return
	}
	if !slices.Contains(b.Disabled, id) {
		b.Disabled = append(slices.Clone(b.Disabled), id)
	}
}

// Import adds questions, as ImportQuestions returns them, to the user's
// own, switched on. A question whose text is already in the bank (ignoring
// case and spacing, built-in ones included) or earlier in qs is skipped.
// An added question keeps its ID if it is valid and free, and otherwise
// gets the next free one, as Add gives. On error nothing is added.
func (b *QuestionBank) Import(qs, builtin []Question) (added, skipped int, err error) {
	nb := QuestionBank{Custom: slices.Clone(b.Custom), Disabled: b.Disabled}
	used := map[string]bool{}
	for _, q := range slices.Concat(builtin, b.Custom) {
		used[q.ID] = true
	}
	for i, q := range qs {
		q.Text = normText(q.Text)
		if err := checkText(q.Text); err != nil {
			return 0, 0, wrapErr(fmt.Sprintf("import questions: question %d", i+1), err)
		}
		if nb.dupOf(q.Text, "", builtin) != "" {
			skipped++
			continue
		}
		if checkQuestionID(q.ID) != nil || used[q.ID] {
			q.ID = nb.nextID(builtin)
		}
		used[q.ID] = true
		nb.Custom = append(nb.Custom, q)
		added++
	}
	if len(nb.Custom) > MaxCustomQuestions {
		return 0, 0, Errorf("import questions", "the bank would hold %d questions of your own, more than %d; import fewer", len(nb.Custom), MaxCustomQuestions)
	}
	b.Custom = nb.Custom
	return added, skipped, nil
}

// ErrNoQuestions is returned by ImportQuestions for a file without a
// single question.
var ErrNoQuestions error = &Error{msg: "the file holds no questions: put one question on each line, or use the JSON form {\"questions\": [...]}"}

// ImportQuestions reads questions from a file's contents. The extension of
// name picks the format: ".json" for JSON, ".txt" for text; for any other
// name the contents decide (JSON starts with "[" or "{").
//
// Text has one question a line; blank lines and lines starting with "#"
// are skipped. A line may instead be in the form of the built-in bank,
// "id | tags | text" (see ParseQuestions), which keeps the ID and the seed
// tag. JSON is {"questions": [...]} or a bare list, whose elements are
// question texts or objects {"id": ..., "text": ..., "seed": ...} with an
// optional id.
//
// Texts are tidied as Add does; IDs are "" where the file gives none.
// Repeated texts are returned as they are (Import skips them). On bad
// input it returns no questions and an error joining one *LineError per
// problem, in line order; a file without questions gives ErrNoQuestions.
func ImportQuestions(data []byte, name string) ([]Question, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	isJSON := false
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		isJSON = true
	case ".txt", ".text":
	default:
		s := bytes.TrimSpace(data)
		isJSON = len(s) > 0 && (s[0] == '[' || s[0] == '{')
	}
	var qs []lineQuestion
	var errs []error
	if isJSON {
		qs, errs = importJSON(data)
	} else {
		qs, errs = importText(data)
	}
	if len(errs) == 0 && len(qs) > MaxCustomQuestions {
		errs = append(errs, &LineError{Line: qs[MaxCustomQuestions].line, Msg: fmt.Sprintf("the file holds more than %d questions; split it into smaller files", MaxCustomQuestions)})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(qs) == 0 {
		return nil, ErrNoQuestions
	}
	out := make([]Question, len(qs))
	for i, q := range qs {
		out[i] = q.Question
	}
	return out, nil
}

// lineQuestion is a question read from a file and the line it was on.
type lineQuestion struct {
	Question
	line int
}

// bankLine matches a line in the form "id | tags | text".
var bankLine = regexp.MustCompile(`^[A-Za-z0-9_]+\s*\|[^|]*\|`)

func importText(data []byte) ([]lineQuestion, []error) {
	var qs []lineQuestion
	var errs []error
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, err := textQuestion(line)
		if err != nil {
			errs = append(errs, &LineError{Line: n, Msg: err.Error()})
			continue
		}
		qs = append(qs, lineQuestion{q, n})
	}
	return qs, errs
}

// textQuestion reads one line of a text file: a question, or "id | tags |
// text".
func textQuestion(line string) (Question, error) {
	if !utf8.ValidString(line) {
		return Question{}, errors.New("not valid UTF-8 text; save the file as UTF-8")
	}
	if !strings.Contains(line, " | ") && !bankLine.MatchString(line) {
		text := normText(line)
		return Question{Text: text}, checkText(text)
	}
	fields := strings.SplitN(line, "|", 3)
	if len(fields) != 3 {
		return Question{}, fmt.Errorf(`want "id | tags | text" or just the question, got %d field(s) separated by "|"`, len(fields))
	}
	q := Question{ID: strings.TrimSpace(fields[0]), Text: normText(fields[2])}
	if err := checkQuestionID(q.ID); err != nil {
		return Question{}, err
	}
	for tag := range strings.SplitSeq(fields[1], ",") {
		switch tag = strings.TrimSpace(tag); tag {
		case "":
		case "seed":
			q.Seed = true
		default:
			return Question{}, fmt.Errorf("unknown tag %q: the only tag is \"seed\"", tag)
		}
	}
	return q, checkText(q.Text)
}

func importJSON(data []byte) (qs []lineQuestion, errs []error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	bad := func(off int64, format string, args ...any) {
		errs = append(errs, &LineError{Line: lineAt(data, off), Msg: fmt.Sprintf(format, args...)})
	}
	// readErr records a decoding error and reports whether there was one.
	readErr := func(err error) bool {
		var syn *json.SyntaxError
		switch {
		case err == nil:
			return false
		case errors.As(err, &syn):
			bad(syntaxOffset(data, syn), "not valid JSON: %s", strings.TrimPrefix(syn.Error(), "json: "))
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			bad(int64(len(data)), "the file ends too soon: a closing ] or } is missing")
		default:
			bad(dec.InputOffset(), "%v", strings.TrimPrefix(err.Error(), "json: "))
		}
		return true
	}
	const want = `want a list of questions, or {"questions": [...]}`
	tok, err := dec.Token()
	if err == io.EOF {
		return nil, nil
	}
	if readErr(err) {
		return nil, errs
	}
	switch tok {
	case json.Delim('['):
		if !readList(dec, data, &qs, &errs, readErr) {
			return nil, errs
		}
	case json.Delim('{'):
		found := false
		for dec.More() {
			key, err := dec.Token()
			if readErr(err) {
				return nil, errs
			}
			if key != "questions" {
				var skip json.RawMessage
				if readErr(dec.Decode(&skip)) {
					return nil, errs
				}
				continue
			}
			found = true
			tok, err := dec.Token()
			if readErr(err) {
				return nil, errs
			}
			if tok != json.Delim('[') {
				bad(dec.InputOffset(), `"questions" must be a list [...] of questions`)
				return nil, errs
			}
			if !readList(dec, data, &qs, &errs, readErr) {
				return nil, errs
			}
		}
		if _, err := dec.Token(); readErr(err) {
			return nil, errs
		}
		if !found {
			bad(0, `no "questions" list: %s`, want)
			return nil, errs
		}
	default:
		bad(dec.InputOffset(), "the file holds a single value: %s", want)
		return nil, errs
	}
	if _, err := dec.Token(); err != io.EOF {
		bad(dec.InputOffset(), "more data after the end of the questions")
	}
	return qs, errs
}

// syntaxOffset is where in data the JSON breaks. A Decoder counts the
// Offset of its syntax errors from the value it began reading, not from
// the start of data, which put the error on an earlier line; data read as
// one document gives the offset from its start (syn's own when it reads
// without a syntax error).
func syntaxOffset(data []byte, syn *json.SyntaxError) int64 {
	var v any
	var whole *json.SyntaxError
	if errors.As(json.Unmarshal(data, &v), &whole) {
		return whole.Offset
	}
	return syn.Offset
}

// readList reads the elements of a JSON list, after its "[", up to and
// including its "]". It returns false if the JSON itself is broken.
func readList(dec *json.Decoder, data []byte, qs *[]lineQuestion, errs *[]error, readErr func(error) bool) bool {
	for n := 1; dec.More(); n++ {
		var raw json.RawMessage
		if readErr(dec.Decode(&raw)) {
			return false
		}
		line := lineAt(data, dec.InputOffset()-int64(len(raw)))
		q, err := jsonQuestion(raw, n)
		if err != nil {
			*errs = append(*errs, &LineError{Line: line, Msg: err.Error()})
			continue
		}
		*qs = append(*qs, lineQuestion{q, line})
	}
	_, err := dec.Token()
	return !readErr(err)
}

// jsonQuestion reads element n of a JSON list of questions.
func jsonQuestion(raw json.RawMessage, n int) (Question, error) {
	var q Question
	switch raw[0] {
	case '"':
		if err := json.Unmarshal(raw, &q.Text); err != nil {
			return Question{}, fmt.Errorf("question %d: %v", n, err)
		}
	case '{':
		var o struct {
			ID   *string `json:"id"`
			Text *string `json:"text"`
			Seed bool    `json:"seed"`
		}
		if err := json.Unmarshal(raw, &o); err != nil {
			var typ *json.UnmarshalTypeError
			if errors.As(err, &typ) && typ.Field != "" {
				return Question{}, fmt.Errorf("question %d: %q is a JSON %s, want %s", n, typ.Field, typ.Value, jsonWant(typ))
			}
			return Question{}, fmt.Errorf("question %d: %v", n, err)
		}
		if o.Text == nil {
			return Question{}, fmt.Errorf(`question %d has no "text"`, n)
		}
		q.Text, q.Seed = *o.Text, o.Seed
		if o.ID != nil && *o.ID != "" {
			q.ID = *o.ID
			if err := checkQuestionID(q.ID); err != nil {
				return Question{}, fmt.Errorf("question %d: %v", n, err)
			}
		}
	default:
		var v any
		json.Unmarshal(raw, &v)
		return Question{}, fmt.Errorf(`question %d is a JSON %s: want a text, or {"id": ..., "text": ...}`, n, jsonTypeName(v))
	}
	q.Text = normText(q.Text)
	if err := checkText(q.Text); err != nil {
		return Question{}, fmt.Errorf("question %d: %w", n, err)
	}
	return q, nil
}

func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "true or false"
	case float64:
		return "number"
	case []any:
		return "list"
	}
	return "value"
}

// ExportQuestionsText writes the questions one a line in the form of the
// built-in bank, "id | tags | text", after a comment saying so, for
// ImportQuestions or a text editor. A question without an ID is written as
// its text alone.
func ExportQuestionsText(qs []Question) []byte {
	var b bytes.Buffer
	b.WriteString("# Fail Forward questions, one a line: id | tags | text\n")
	b.WriteString("# Lines starting with # are skipped. A line may also be just a question.\n")
	for _, q := range qs {
		text := normText(q.Text)
		if q.ID == "" {
			b.WriteString(text)
		} else {
			tags := ""
			if q.Seed {
				tags = "seed"
			}
			fmt.Fprintf(&b, "%s | %s | %s", q.ID, tags, text)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// ExportQuestionsJSON writes the questions as {"questions": [{"id": ...,
// "text": ...}, ...]}, for ImportQuestions.
func ExportQuestionsJSON(qs []Question) ([]byte, error) {
	if qs == nil {
		qs = []Question{}
	}
	data, err := json.MarshalIndent(struct {
		Questions []Question `json:"questions"`
	}{qs}, "", "  ")
	if err != nil {
		return nil, wrapErr("export questions", err)
	}
	return append(data, '\n'), nil
}
