package widgets

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"failforward/practice"
)

// The filter choices of the screens that filter takes by question and story.
const (
	AllQuestions = "All questions"
	AllStories   = "All stories"
)

// HasQuestion reports whether a take of the question with ID qid is listed.
func HasQuestion(takes []practice.Take, qid string) bool {
	for _, t := range takes {
		if t.QuestionID == qid {
			return true
		}
	}
	return false
}

// OptionFor returns the option label that maps to id, or def.
func OptionFor(opts map[string]string, id, def string) string {
	if id == "" {
		return def
	}
	for label, v := range opts {
		if v == id {
			return label
		}
	}
	return def
}

// QuestionOptions lists "All questions" and then each question asked, in
// the order of their latest take, as short labels; the map gives each
// label's question ID.
func QuestionOptions(takes []practice.Take, texts map[string]string) ([]string, map[string]string) {
	labels := []string{AllQuestions}
	ids := map[string]string{AllQuestions: ""}
	seen := map[string]bool{}
	for _, t := range takes {
		if seen[t.QuestionID] || t.QuestionID == "" {
			continue
		}
		seen[t.QuestionID] = true
		label := UniqueLabel(ids, Shorten(QuestionText(t, texts), 70))
		labels = append(labels, label)
		ids[label] = t.QuestionID
	}
	return labels, ids
}

// StoryOptions lists "All stories" and each story's title.
func StoryOptions(stories []practice.Story) ([]string, map[string]string) {
	labels := []string{AllStories}
	ids := map[string]string{AllStories: ""}
	for _, s := range stories {
		label := UniqueLabel(ids, Shorten(s.Title, 50))
		labels = append(labels, label)
		ids[label] = s.ID
	}
	return labels, ids
}

// UniqueLabel returns label, or label with " (2)", " (3)"... when taken.
func UniqueLabel(taken map[string]string, label string) string {
	if _, ok := taken[label]; !ok {
		return label
	}
	for n := 2; ; n++ {
		l := label + " (" + strconv.Itoa(n) + ")"
		if _, ok := taken[l]; !ok {
			return l
		}
	}
}

// Shorten cuts s to at most n characters, ending it with "…" when cut.
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// QuestionText is the question of a take as the user saw it, or what is
// known of it for a take that cannot be read.
func QuestionText(t practice.Take, texts map[string]string) string {
	switch {
	case t.QuestionText != "":
		return t.QuestionText
	case texts[t.QuestionID] != "":
		return texts[t.QuestionID]
	case t.QuestionID != "":
		return "Question " + t.QuestionID
	}
	return "Unknown question"
}
