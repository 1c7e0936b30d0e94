package guide

import (
	"math"
	"testing"

	"failforward/practice"
)

// TestGuideModelAnswerBalanced: the model answer keeps to the guidance
// the review measures takes against, so the balance finds nothing to say.
func TestGuideModelAnswerBalanced(t *testing.T) {
	parts := ModelParts()
	total := parts[len(parts)-1].End
	b := practice.Balance(parts, total, 0)
	for _, f := range b.Findings {
		t.Errorf("the model answer's balance says %q (%s)", f.Text, f.Code)
	}
	for _, row := range b.Rows {
		if row.Guide > 0 && math.Abs(row.Share-row.Guide) > 0.05 {
			t.Errorf("%s takes %.0f%% of the story, aim %.0f%%", row.Kind, row.Share*100, row.Guide*100)
		}
	}
	if total > 120 {
		t.Errorf("the model answer takes %.0f s, want at most two minutes", total)
	}
}
