// Package assets holds the data files embedded in the application binary.
package assets

import _ "embed"

// QuestionsText is the built-in question bank, in the format described at
// the top of questions.txt.
//
//go:embed questions.txt
var QuestionsText string
