package practice

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// moveFixture makes a library in a new folder with five take folders
// (three finished, one unfinished, one damaged), stories.json,
// questions.json, a lock file and two things that are not the library's.
// It returns the library folder and what MoveLibrary must move: the
// library's files by path relative to the library, with their contents.
func moveFixture(t *testing.T) (string, map[string]string) {
	t.Helper()
	l := openLib(t)
	for i := range 3 {
		tk := fullTake(t, l, q07, start.Add(time.Duration(i)*time.Minute))
		wav := strings.Repeat(fmt.Sprintf("take %d audio ", i), 200*(i+1))
		if err := os.WriteFile(l.AudioPath(tk.ID), []byte(wav), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, dir, err := l.NewTake(q07, start.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, AudioName), []byte("RIFF half a recording"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, dir, err = l.NewTake(q07, start.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, SidecarName), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := l.SaveStory(Story{Title: "The missed launch", Lesson: "Flag risks early."}); err != nil {
		t.Fatal(err)
	}
	var b QuestionBank
	if _, err := b.Add("Tell me about a risk that did not pay off.", Questions()); err != nil {
		t.Fatal(err)
	}
	if err := l.SaveBank(b); err != nil {
		t.Fatal(err)
	}
	want := relSnapshot(t, l.Dir)
	for name, data := range map[string]string{LockName: "{}", "readme.txt": "mine", filepath.Join("notes", "a.txt"): "mine too"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(l.Dir, name)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(l.Dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return l.Dir, want
}

// relSnapshot maps every file under dir to its content, by path relative
// to dir.
func relSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// topNames returns the first path elements of the keys of files.
func topNames(files map[string]string) []string {
	var out []string
	for k := range files {
		top, _, _ := strings.Cut(k, "/")
		if !slices.Contains(out, top) {
			out = append(out, top)
		}
	}
	slices.Sort(out)
	return out
}

// sub returns the files under top, by path relative to the folder holding
// top.
func sub(files map[string]string, top string) map[string]string {
	m := map[string]string{}
	for k, v := range files {
		if k == top || strings.HasPrefix(k, top+"/") {
			m[k] = v
		}
	}
	return m
}

// checkMoved checks that dst holds exactly the library want and src only
// what is not the library's.
func checkMoved(t *testing.T, src, dst string, want map[string]string) {
	t.Helper()
	got := relSnapshot(t, dst)
	if !maps.Equal(got, want) {
		t.Errorf("new folder holds %v\nwant %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	left := relSnapshot(t, src)
	wantLeft := map[string]string{LockName: "{}", "readme.txt": "mine", "notes/a.txt": "mine too"}
	if !maps.Equal(left, wantLeft) {
		t.Errorf("old folder holds %v, want %v", slices.Sorted(maps.Keys(left)), slices.Sorted(maps.Keys(wantLeft)))
	}
	if es, _ := os.ReadDir(src); len(es) != 3 {
		t.Errorf("old folder has %d entries, want 3 (hidden leftovers?)", len(es))
	}
	// The moved library works.
	l, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	takes, err := l.List()
	if err != nil || len(takes) != 5 {
		t.Errorf("List of the moved library = %d takes, %v; want 5", len(takes), err)
	}
	if ss, err := l.Stories(); err != nil || len(ss) != 1 {
		t.Errorf("Stories of the moved library = %v, %v", ss, err)
	}
}

// copyPath makes MoveLibrary copy, as it must across file systems.
func copyPath(t *testing.T) {
	t.Helper()
	moveRename = false
	t.Cleanup(func() { moveRename = true })
}

func setFault(t *testing.T, f func(string) error) {
	t.Helper()
	moveFault = f
	t.Cleanup(func() { moveFault = nil })
}

func TestMoveLibrary(t *testing.T) {
	for _, fast := range []bool{false, true} {
		t.Run(fmt.Sprintf("rename=%v", fast), func(t *testing.T) {
			if !fast {
				copyPath(t)
			}
			src, want := moveFixture(t)
			dst := filepath.Join(t.TempDir(), "new", "library")
			var calls [][2]int
			err := MoveLibrary(src, dst, func(done, total int) { calls = append(calls, [2]int{done, total}) })
			if err != nil {
				t.Fatalf("MoveLibrary: %v", err)
			}
			checkMoved(t, src, dst, want)
			wantCalls := [][2]int{{0, 5}, {1, 5}, {2, 5}, {3, 5}, {4, 5}, {5, 5}}
			if !slices.Equal(calls, wantCalls) {
				t.Errorf("progress calls %v, want %v", calls, wantCalls)
			}
			checkMode(t, dst, 0o700)
			checkMode(t, filepath.Join(dst, StoriesName), 0o600)
		})
	}
}

func TestMoveLibraryKeepsTimes(t *testing.T) {
	copyPath(t)
	src, _ := moveFixture(t)
	old := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	ids, _, err := libraryContents(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(src, ids[0], SidecarName), old, old); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "moved")
	if err := MoveLibrary(src, dst, nil); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dst, ids[0], SidecarName))
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("moved take.json modified %v, want %v", fi.ModTime(), old)
	}
}

// checkNothingLost checks that after an interrupted move every take and
// library file of want is whole in src or dst, and that any copy the
// library would see is whole.
func checkNothingLost(t *testing.T, src, dst string, want map[string]string) {
	t.Helper()
	inSrc, inDst := relSnapshot(t, src), relSnapshot(t, dst)
	for _, top := range topNames(want) {
		w := sub(want, top)
		s, d := sub(inSrc, top), sub(inDst, top)
		if len(s) == 0 && len(d) == 0 {
			t.Errorf("%s is lost: in neither folder", top)
			continue
		}
		if len(s) > 0 && !maps.Equal(s, w) {
			t.Errorf("%s in the old folder is not whole: %v", top, slices.Sorted(maps.Keys(s)))
		}
		if len(d) > 0 && !maps.Equal(d, w) {
			t.Errorf("%s in the new folder is not whole: %v", top, slices.Sorted(maps.Keys(d)))
		}
	}
	// The old library still lists without error and shows no half take.
	l := &Library{Dir: src}
	takes, err := l.List()
	if err != nil {
		t.Fatalf("List of the old library: %v", err)
	}
	for _, tk := range takes {
		if tk.Status == OK {
			if _, err := os.Stat(l.AudioPath(tk.ID)); err != nil {
				t.Errorf("old library lists take %s without its audio", tk.ID)
			}
		}
	}
}

// moveSteps returns the fault points of a full move of the fixture.
func moveSteps(t *testing.T) []string {
	t.Helper()
	src, _ := moveFixture(t)
	var steps []string
	setFault(t, func(step string) error {
		steps = append(steps, step)
		return nil
	})
	if err := MoveLibrary(src, filepath.Join(t.TempDir(), "dst"), nil); err != nil {
		t.Fatal(err)
	}
	moveFault = nil
	return steps
}

func TestMoveLibraryInterrupted(t *testing.T) {
	copyPath(t)
	steps := moveSteps(t)
	t.Logf("%d fault points: %v", len(steps), steps)
	if len(steps) < 40 {
		t.Fatalf("only %d fault points: %v", len(steps), steps)
	}
	for i, step := range steps {
		t.Run(fmt.Sprintf("%02d %s", i, step), func(t *testing.T) {
			src, want := moveFixture(t)
			dst := filepath.Join(t.TempDir(), "dst")
			n := 0
			setFault(t, func(string) error {
				if n++; n == i+1 {
					return errors.New("no space left on device")
				}
				return nil
			})
			err := MoveLibrary(src, dst, nil)
			if err == nil || !strings.Contains(err.Error(), "no space left on device") {
				t.Fatalf("MoveLibrary with a fault at %q = %v, want the fault", step, err)
			}
			if !strings.Contains(err.Error(), " of 5 takes") || !strings.Contains(err.Error(), "run the move again to finish it") {
				t.Errorf("error %q does not say how many takes moved and what to do", err)
			}
			checkNothingLost(t, src, dst, want)

			// The second run finishes the job.
			moveFault = nil
			if err := MoveLibrary(src, dst, nil); err != nil {
				t.Fatalf("second MoveLibrary: %v", err)
			}
			checkMoved(t, src, dst, want)
		})
	}
}

func TestMoveLibraryInterruptedTwice(t *testing.T) {
	copyPath(t)
	steps := moveSteps(t)
	for _, at := range [][2]int{{3, 3}, {10, 1}, {len(steps) / 2, 5}, {len(steps) - 2, 1}} {
		t.Run(fmt.Sprintf("after %d then %d", at[0], at[1]), func(t *testing.T) {
			src, want := moveFixture(t)
			dst := filepath.Join(t.TempDir(), "dst")
			for run, k := range at {
				n := 0
				setFault(t, func(string) error {
					if n++; n == k {
						return errors.New("crash")
					}
					return nil
				})
				if err := MoveLibrary(src, dst, nil); err == nil {
					t.Fatalf("run %d with a fault at step %d succeeded", run+1, k)
				}
				checkNothingLost(t, src, dst, want)
			}
			moveFault = nil
			if err := MoveLibrary(src, dst, nil); err != nil {
				t.Fatalf("last MoveLibrary: %v", err)
			}
			checkMoved(t, src, dst, want)
		})
	}
}

// The old library stays in use after a failed move: changes made to it
// before the move is run again are what ends up moved.
func TestMoveLibraryResumeTakesChanges(t *testing.T) {
	copyPath(t)
	for _, stopAt := range []string{"remove " + StoriesName, "retire "} {
		t.Run(stopAt, func(t *testing.T) {
			src, _ := moveFixture(t)
			dst := filepath.Join(t.TempDir(), "dst")
			setFault(t, func(step string) error {
				if strings.HasPrefix(step, stopAt) {
					return errors.New("crash")
				}
				return nil
			})
			if err := MoveLibrary(src, dst, nil); err == nil {
				t.Fatal("MoveLibrary did not stop")
			}
			moveFault = nil
			l := &Library{Dir: src}
			ss, err := l.Stories()
			if err != nil {
				t.Fatal(err)
			}
			renamed := len(ss) == 1
			if renamed {
				ss[0].Title = "Renamed"
				if _, err := l.SaveStory(ss[0]); err != nil {
					t.Fatal(err)
				}
			}
			takes, err := l.List()
			if err != nil {
				t.Fatal(err)
			}
			// Edit a take that is in both folders if there is one.
			var edited string
			for _, tk := range takes {
				if tk.Status != OK {
					continue
				}
				_, err := os.Stat(filepath.Join(dst, tk.ID))
				if edited == "" || err == nil {
					edited = tk.ID
				}
			}
			if _, err := l.SaveReview(edited, SelfReview{Rating: 3}); err != nil {
				t.Fatal(err)
			}
			want := relSnapshot(t, src)
			for k := range want {
				top, _, _ := strings.Cut(k, "/")
				if top == LockName || top == "readme.txt" || top == "notes" {
					delete(want, k)
				}
			}
			// Takes already in dst are part of the library too.
			for k, v := range relSnapshot(t, dst) {
				if _, ok := want[k]; !ok && !strings.HasPrefix(k, ".") && !strings.Contains(k, movingSuffix) {
					want[k] = v
				}
			}
			if err := MoveLibrary(src, dst, nil); err != nil {
				t.Fatalf("second MoveLibrary: %v", err)
			}
			checkMoved(t, src, dst, want)
			moved := &Library{Dir: dst}
			if ss, _ := moved.Stories(); renamed && (len(ss) != 1 || ss[0].Title != "Renamed") {
				t.Errorf("moved stories = %+v, want the renamed story", ss)
			}
			if tk, err := moved.Load(edited); err != nil || tk.Review.Rating != 3 {
				t.Errorf("moved take %s = %+v, %v; want the review saved after the first run", edited, tk.Review, err)
			}
		})
	}
}

func TestMoveLibraryRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, src string) (dst string)
		want  string
	}{
		{"same folder", func(t *testing.T, src string) string { return src }, "the library is already in"},
		{"same folder spelled differently", func(t *testing.T, src string) string { return src + string(filepath.Separator) + "." }, "the library is already in"},
		{"inside the library", func(t *testing.T, src string) string { return filepath.Join(src, "sub") }, "is inside the library"},
		{"holding the library", func(t *testing.T, src string) string { return filepath.Dir(src) }, "is inside"},
		{"not empty", func(t *testing.T, src string) string {
			dst := t.TempDir()
			os.WriteFile(filepath.Join(dst, "photo.jpg"), []byte("x"), 0o600)
			return dst
		}, "is not empty (it holds photo.jpg); choose an empty folder"},
		{"another move's leftovers", func(t *testing.T, src string) string {
			dst := t.TempDir()
			os.WriteFile(filepath.Join(dst, moveMarker), []byte(`{"from": "/elsewhere/library"}`), 0o600)
			return dst
		}, "holds part of an unfinished move of the library /elsewhere/library"},
		{"a file", func(t *testing.T, src string) string {
			dst := filepath.Join(t.TempDir(), "file")
			os.WriteFile(dst, []byte("x"), 0o600)
			return dst
		}, "create the new folder"},
		{"empty name", func(t *testing.T, src string) string { return "" }, "a folder name is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, want := moveFixture(t)
			dst := tt.setup(t, src)
			err := MoveLibrary(src, dst, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "practice: move library: ") {
				t.Fatalf("MoveLibrary = %v, want an error containing %q", err, tt.want)
			}
			got := relSnapshot(t, src)
			for k, v := range want {
				if got[k] != v {
					t.Errorf("the library lost or changed %s", k)
				}
			}
		})
	}

	// A symbolic link into the library counts as inside it.
	src, _ := moveFixture(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(src, link); err == nil {
		if err := MoveLibrary(src, filepath.Join(link, "sub"), nil); err == nil || !strings.Contains(err.Error(), "is inside the library") {
			t.Errorf("move into a link to the library = %v", err)
		}
	}
	// A missing library.
	if err := MoveLibrary(filepath.Join(t.TempDir(), "none"), t.TempDir(), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("moving a missing library = %v, want fs.ErrNotExist", err)
	}
}

func TestMoveLibraryIntoFolderWithHiddenFiles(t *testing.T) {
	copyPath(t)
	src, want := moveFixture(t)
	dst := t.TempDir()
	// The app locks the new folder before moving into it.
	if err := os.WriteFile(filepath.Join(dst, LockName), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := MoveLibrary(src, dst, nil); err != nil {
		t.Fatalf("MoveLibrary: %v", err)
	}
	want[LockName] = "{}"
	checkMoved(t, src, dst, want)
}
