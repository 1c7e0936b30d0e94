// Package job runs one function on a goroutine of its own, for work that
// must not hold up a window's event loop (stretching a take to another
// speed, measuring it). The owner starts a job, polls Result from its own
// goroutine (a window's ticks) and Cancels it when the result is no longer
// wanted, so all the owner's state stays on the owner's goroutine.
package job

// Job is one function running on a goroutine of its own. The goroutine
// starts in Start and ends when the function returns; the function should
// return soon after its quit channel is closed. Its result waits in a
// channel with room for it, so the goroutine never blocks. A Job's methods
// must be called from one goroutine.
type Job[T any] struct {
	quit  chan struct{}
	done  chan Result[T]
	ended chan struct{}
}

// Result is what a job's function returned.
type Result[T any] struct {
	Val T
	Err error
}

// Start runs fn on a new goroutine. fn's quit channel is closed when the
// job is cancelled.
func Start[T any](fn func(quit <-chan struct{}) (T, error)) *Job[T] {
	j := &Job[T]{quit: make(chan struct{}), done: make(chan Result[T], 1), ended: make(chan struct{})}
	go func() {
		defer close(j.ended)
		v, err := fn(j.quit)
		j.done <- Result[T]{v, err}
	}()
	return j
}

// Result returns the job's result and true once its function has returned
// and its goroutine has ended, or false while it runs. It reports a result
// once; later calls return false.
func (j *Job[T]) Result() (Result[T], bool) {
	select {
	case r := <-j.done:
		<-j.ended
		return r, true
	default:
		return Result[T]{}, false
	}
}

// Cancel asks the job to stop and waits until its goroutine has ended.
// Call it at most once, and not after Result reported the end.
func (j *Job[T]) Cancel() {
	close(j.quit)
	<-j.ended
}
