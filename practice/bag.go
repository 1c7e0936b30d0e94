package practice

import "math/rand/v2"

// Bag deals questions in random order without repeats: every question comes
// once before any comes again. When the bag is used up it is refilled and
// reshuffled, and the first question of the new round is never the one that
// closed the previous round. A Bag is not safe for concurrent use.
type Bag struct {
	qs    []Question
	order []int // a permutation of indexes into qs
	pos   int   // next position in order
	last  int   // index of the question dealt last, -1 before the first
	rnd   *rand.Rand
}

// NewBag returns a bag over a copy of qs, shuffled with rnd. A nil rnd uses a
// randomly seeded generator.
func NewBag(qs []Question, rnd *rand.Rand) *Bag {
	if rnd == nil {
		rnd = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	b := &Bag{
		qs:    append([]Question(nil), qs...),
		order: make([]int, len(qs)),
		last:  -1,
		rnd:   rnd,
	}
	b.pos = len(b.order) // the first Next shuffles
	return b
}

// Len returns the number of questions in the bag.
func (b *Bag) Len() int { return len(b.qs) }

// Remaining returns how many more questions Next deals before one can come
// again: what is left of the current round, or Len when a new round is due.
func (b *Bag) Remaining() int {
	if b.pos >= len(b.order) {
		return len(b.order)
	}
	return len(b.order) - b.pos
}

// Next deals the next question. It returns the zero Question if the bag is
// empty.
func (b *Bag) Next() Question {
	n := len(b.qs)
	if n == 0 {
		return Question{}
	}
	if b.pos >= n {
		b.refill()
	}
	i := b.order[b.pos]
	b.pos++
	b.last = i
	return b.qs[i]
}

func (b *Bag) refill() {
	n := len(b.order)
	for i := range b.order {
		b.order[i] = i
	}
	b.rnd.Shuffle(n, func(i, j int) { b.order[i], b.order[j] = b.order[j], b.order[i] })
	if n > 1 && b.order[0] == b.last {
		j := 1 + b.rnd.IntN(n-1)
		b.order[0], b.order[j] = b.order[j], b.order[0]
	}
	b.pos = 0
}
