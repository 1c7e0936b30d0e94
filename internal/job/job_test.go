package job

import (
	"errors"
	"testing"
)

func TestResultArrivesOnce(t *testing.T) {
	release := make(chan struct{})
	j := Start(func(<-chan struct{}) (int, error) {
		<-release
		return 42, nil
	})
	if _, ok := j.Result(); ok {
		t.Fatal("Result reported an end while the function still runs")
	}
	close(release)
	var r Result[int]
	for ok := false; !ok; {
		r, ok = j.Result()
	}
	if r.Val != 42 || r.Err != nil {
		t.Errorf("Result = %+v, want 42 and no error", r)
	}
	if _, ok := j.Result(); ok {
		t.Error("Result reported the end a second time")
	}
}

func TestErrorIsKept(t *testing.T) {
	boom := errors.New("stretch: out of memory")
	j := Start(func(<-chan struct{}) ([]int16, error) { return nil, boom })
	var r Result[[]int16]
	for ok := false; !ok; {
		r, ok = j.Result()
	}
	if r.Err != boom || r.Val != nil {
		t.Errorf("Result = %+v, want the function's error", r)
	}
}

func TestCancelStopsTheFunctionAndWaits(t *testing.T) {
	started := make(chan struct{})
	stopped := false
	j := Start(func(quit <-chan struct{}) (int, error) {
		close(started)
		<-quit
		stopped = true // seen by the test only if Cancel waits for the end
		return 0, errors.New("job: cancelled")
	})
	<-started
	j.Cancel()
	if !stopped {
		t.Error("Cancel returned before the function did")
	}
}
