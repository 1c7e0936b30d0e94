package practice

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Label is one label of an Audacity label track.
type Label struct {
	Start, End float64 // seconds; equal for a point label
	Text       string  // as written, spaces kept
	Line       int     // 1-based line it was read from
}

// LabelError is a problem with one line of a label file.
type LabelError struct {
	Line int // 1-based line number
	Msg  string
}

func (e *LabelError) Error() string { return "practice: " + e.Message() }

// Message reads "label file line N: " and the problem.
func (e *LabelError) Message() string {
	return fmt.Sprintf("label file line %d: %s", e.Line, e.Msg)
}

// FormatAudacity returns parts as an Audacity label file, the way Audacity
// writes one: a line per part, "start<TAB>end<TAB>name", times in seconds
// with six decimals, names Situation, Task, Action, Result and Lesson.
// Empty parts are left out.
func FormatAudacity(parts []Part) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Len() <= 0 {
			continue
		}
		b.WriteString(strconv.FormatFloat(p.Start, 'f', 6, 64))
		b.WriteByte('\t')
		b.WriteString(strconv.FormatFloat(p.End, 'f', 6, 64))
		b.WriteByte('\t')
		b.WriteString(p.Kind.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// FormatWebVTT returns parts as WebVTT chapters, laid out as Audacity
// exports labels to WebVTT: the WEBVTT header, then for each part a cue
// number, "HH:MM:SS.mmm --> HH:MM:SS.mmm" and the part's name, each cue
// followed by a blank line. Empty parts are left out.
func FormatWebVTT(parts []Part) string {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	n := 0
	for _, p := range parts {
		if p.Len() <= 0 {
			continue
		}
		n++
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n\n", n, vttTime(p.Start), vttTime(p.End), p.Kind)
	}
	return b.String()
}

// vttTime formats seconds as HH:MM:SS.mmm.
func vttTime(s float64) string {
	ms := int64(math.Round(max(s, 0) * 1000))
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// ParseAudacity reads an Audacity label file: one label per line,
// "start<TAB>end<TAB>text", times in seconds (with "." or "," before the
// decimals). As in Audacity, the text may hold spaces but not tabs; a line
// whose second field is not a number is a point label at start with that
// text; a line with only times has empty text; extra fields are ignored;
// and lines starting with "\" (Audacity's frequency ranges) are skipped.
// Blank lines are skipped; a byte order mark and Windows or old Mac line
// ends are fine. Labels are returned in file order.
//
// On bad input it returns no labels and an error joining one *LabelError
// per bad line, in line order.
func ParseAudacity(text string) ([]Label, error) {
	text = strings.TrimPrefix(text, "\uFEFF")
	// Lines end in "\n", "\r\n" or, from old Macs, "\r".
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var (
		labels []Label
		errs   []error
	)
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &LabelError{Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, `\`) {
			continue
		}
		if !utf8.ValidString(line) {
			bad(n, "not valid UTF-8 text")
			continue
		}
		// Empty fields between tabs do not count, as in Audacity.
		fields := strings.FieldsFunc(line, func(r rune) bool { return r == '\t' })
		start, err := parseTime(fields[0])
		if err != nil {
			if !strings.Contains(line, "\t") {
				bad(n, "want start<TAB>end<TAB>label, and this line has no tabs")
			} else {
				bad(n, "start time %q %v", short(fields[0]), err)
			}
			continue
		}
		l := Label{Start: start, End: start, Line: n}
		rest := fields[1:]
		if len(rest) > 0 {
			if end, err := parseTime(rest[0]); err == nil {
				l.End = end
				rest = rest[1:]
			} else if !errors.Is(err, errNotNumber) {
				bad(n, "end time %q %v", short(rest[0]), err)
				continue
			}
		}
		if len(rest) > 0 {
			l.Text = rest[0]
		}
		if l.End < l.Start {
			bad(n, "the label ends at %s, before it starts at %s", secs(l.End), secs(l.Start))
			continue
		}
		labels = append(labels, l)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return labels, nil
}

var errNotNumber = errors.New("is not a number of seconds")

// parseTime reads seconds written as digits with an optional "." or ","
// and decimals, and an optional exponent ("1e-05", as some tools write):
// what Audacity writes in any language, and reads. Not "inf", "nan" or
// hexadecimal.
func parseTime(s string) (float64, error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	num := strings.TrimPrefix(s, "-")
	exp := ""
	if i := strings.IndexAny(num, "eE"); i >= 0 {
		num, exp = num[:i], num[i+1:]
		e := strings.TrimLeft(exp, "+-")
		if len(exp)-len(e) > 1 || e == "" || !allDigits(e) {
			return 0, errNotNumber
		}
		exp = "e" + exp
	}
	whole, frac := num, ""
	if sep := strings.IndexAny(num, ".,"); sep >= 0 {
		whole, frac = num[:sep], num[sep+1:]
	}
	if whole+frac == "" || !allDigits(whole) || !allDigits(frac) {
		return 0, errNotNumber
	}
	v, err := strconv.ParseFloat(whole+"."+frac+exp, 64)
	switch {
	case neg && v != 0:
		return 0, errors.New("is before the start of the recording")
	case err != nil || math.IsInf(v, 0):
		return 0, errors.New("is too large")
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// short cuts s for a message.
func short(s string) string {
	const n = 40
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// PartsFromLabels turns labels read by ParseAudacity into the parts of a
// take of the given duration. Each label's text must name a kind (see
// ParseKind); unknown names are errors, not guesses. A region label
// becomes a part as it is. A point label marks where a part starts: the
// part runs to the next label's start, or to the end of the take. Labels
// may come in any order. Times are rounded to the millisecond, as
// take.json keeps them. Labels must lie inside the take (ends up to a
// millisecond past it are clipped) and must not overlap.
//
// On bad input it returns no parts and an error joining one *LabelError
// per problem, in line order.
func PartsFromLabels(labels []Label, duration float64) ([]Part, error) {
	type item struct {
		Part
		line  int
		point bool
	}
	var (
		items []item
		errs  []error
	)
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &LabelError{Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	for _, l := range labels {
		k, err := ParseKind(l.Text)
		if err != nil {
			bad(l.Line, "unknown label %q: want %s", short(l.Text), kindList)
			continue
		}
		point := l.End == l.Start
		l.Start, l.End = roundMS(l.Start), roundMS(l.End)
		switch {
		case l.Start >= duration:
			bad(l.Line, "%v starts at %s, at or after the end of the take (%s)", k, secs(l.Start), secs(duration))
			continue
		case l.End > duration+timeTol:
			bad(l.Line, "%v ends at %s, after the end of the take (%s)", k, secs(l.End), secs(duration))
			continue
		case !point && l.End == l.Start:
			bad(l.Line, "%v lasts less than a millisecond; make it longer, or make it a point label", k)
			continue
		}
		items = append(items, item{Part{Kind: k, Start: l.Start, End: min(l.End, duration)}, l.Line, point})
	}
	slices.SortStableFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	for i := range items {
		if !items[i].point {
			continue
		}
		items[i].End = duration
		for _, next := range items[i+1:] {
			if next.Start > items[i].Start {
				items[i].End = next.Start
				break
			}
		}
	}
	for i := 1; i < len(items); i++ {
		a, b := items[i-1], items[i]
		if a.End > b.Start {
			bad(b.line, "%v (from %s) overlaps %v on line %d (to %s)", b.Kind, secs(b.Start), a.Kind, a.line, secs(a.End))
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b error) int {
			return cmp.Compare(a.(*LabelError).Line, b.(*LabelError).Line)
		})
		return nil, errors.Join(errs...)
	}
	parts := make([]Part, len(items))
	for i, it := range items {
		parts[i] = it.Part
	}
	if err := CheckParts(parts, duration); err != nil {
		return nil, err // not reached: the checks above cover it
	}
	return parts, nil
}
