package practice

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func numbered(n int) []Question {
	qs := make([]Question, n)
	for i := range qs {
		qs[i] = Question{ID: fmt.Sprintf("t%d", i), Text: fmt.Sprintf("Question %d?", i)}
	}
	return qs
}

func TestBagNoRepeatUntilExhausted(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 50} {
		for seed := range uint64(300) {
			b := NewBag(numbered(n), rand.New(rand.NewPCG(seed, 1)))
			var prev string
			for round := range 5 {
				seen := map[string]bool{}
				for i := range n {
					if got, want := b.Remaining(), n-i; got != want {
						t.Fatalf("n=%d seed=%d round %d pick %d: Remaining() = %d, want %d", n, seed, round, i, got, want)
					}
					q := b.Next()
					if seen[q.ID] {
						t.Fatalf("n=%d seed=%d round %d: %s dealt twice", n, seed, round, q.ID)
					}
					seen[q.ID] = true
					if n > 1 && q.ID == prev {
						t.Fatalf("n=%d seed=%d round %d pick %d: %s dealt twice in a row", n, seed, round, i, q.ID)
					}
					prev = q.ID
				}
				if len(seen) != n {
					t.Fatalf("n=%d seed=%d round %d: dealt %d distinct questions, want %d", n, seed, round, len(seen), n)
				}
			}
		}
	}
}

func TestBagEveryQuestionReachable(t *testing.T) {
	// Over many seeds every question must turn up at every position of a
	// round, including the first one after a reshuffle.
	const n, seeds = 45, 2000
	qs := numbered(n)
	index := map[string]int{}
	for i, q := range qs {
		index[q.ID] = i
	}
	for _, round := range []int{0, 1} {
		counts := make([][]int, n) // counts[position][question]
		for i := range counts {
			counts[i] = make([]int, n)
		}
		for seed := range uint64(seeds) {
			b := NewBag(qs, rand.New(rand.NewPCG(seed, 2)))
			for range round * n {
				b.Next()
			}
			for pos := range n {
				counts[pos][index[b.Next().ID]]++
			}
		}
		for pos := range n {
			for q := range n {
				// Expected about seeds/n = 44; 5 would be far out.
				if c := counts[pos][q]; c < 5 {
					t.Errorf("round %d: question %d dealt at position %d only %d times in %d seeds", round, q, pos, c, seeds)
				}
			}
		}
	}
}

func TestBagDeterministic(t *testing.T) {
	a := NewBag(Questions(), rand.New(rand.NewPCG(7, 7)))
	b := NewBag(Questions(), rand.New(rand.NewPCG(7, 7)))
	for i := range 200 {
		if qa, qb := a.Next(), b.Next(); qa != qb {
			t.Fatalf("pick %d: got %s and %s from equally seeded bags", i, qa.ID, qb.ID)
		}
	}
}

func TestBagEdgeCases(t *testing.T) {
	if got := NewBag(nil, nil).Next(); got != (Question{}) {
		t.Errorf("empty bag: Next() = %+v, want the zero Question", got)
	}
	one := NewBag(numbered(1), nil)
	for i := range 3 {
		if got := one.Next().ID; got != "t0" {
			t.Errorf("one-question bag pick %d = %s, want t0", i, got)
		}
	}

	qs := numbered(3)
	b := NewBag(qs, rand.New(rand.NewPCG(1, 1)))
	qs[0].ID = "changed"
	if got, want := b.Len(), 3; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
	for range 3 {
		if q := b.Next(); q.ID == "changed" {
			t.Errorf("bag dealt %+v after its input slice changed; want its own copy", q)
		}
	}

	// A nil generator still deals a full round.
	nb := NewBag(numbered(10), nil)
	seen := map[string]bool{}
	for range 10 {
		seen[nb.Next().ID] = true
	}
	if len(seen) != 10 {
		t.Errorf("nil rnd: %d distinct questions in a round of 10, want 10", len(seen))
	}
}
