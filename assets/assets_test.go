package assets

import (
	"strings"
	"testing"
)

func TestQuestionsTextEmbedded(t *testing.T) {
	if !strings.HasPrefix(QuestionsText, "#") {
		t.Errorf("QuestionsText starts with %.20q, want the header comment", QuestionsText)
	}
	if !strings.Contains(QuestionsText, "q01 | seed | What was your biggest failure in your current/last job?") {
		t.Errorf("QuestionsText lacks the first seed question")
	}
}
