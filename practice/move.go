package practice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// moveMarker is the file MoveLibrary keeps in the new folder while a move
// is under way. It names the library being moved, so that a move
// interrupted part-way can be finished, and no other folder's leftovers
// taken for its own.
const moveMarker = ".moving-library"

// movingSuffix ends the name of a take folder being copied into the new
// folder; movedSuffix ends the hidden name a moved take has in the old
// folder while it is deleted.
const (
	movingSuffix = ".moving"
	movedSuffix  = ".moved"
)

// moveFault, when set by tests, is called at each step of MoveLibrary; an
// error it returns stops the move there, as a full disk or a crash would.
var moveFault func(step string) error

// moveRename, when false, turns off MoveLibrary's fast path of renaming a
// take folder, so tests can take the copy path on one file system.
var moveRename = true

func moveStep(step string) error {
	if moveFault == nil {
		return nil
	}
	return moveFault(step)
}

// MoveLibrary moves every take folder and the library's own files
// (stories.json, questions.json) from the library at src to the folder
// dst. dst is created (mode 0700) if missing; it must be empty (hidden
// files such as a lock file aside) or hold what an earlier, interrupted
// move of the same library left. The move refuses a dst inside src and a
// src inside dst. Folders and files in src that are not the library's are
// left there, and so is src itself.
//
// Each take is copied into dst/<id>.moving (files and folders synced),
// checked against the original (see sameTree), renamed to dst/<id> and
// only then removed from src, so at every moment each take is complete in
// src, in dst, or in both. On the same file system a take folder is simply
// renamed. progress, if not nil, is called with (0, total) before the
// first take and after each take with how many are done.
//
// A failure part-way returns an error that says how many takes moved;
// until MoveLibrary succeeds, the library at src stays the one to use, and
// running MoveLibrary again finishes the job.
func MoveLibrary(src, dst string, progress func(done, total int)) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	src, dst, err := movePaths(src, dst)
	if err != nil {
		return err
	}
	fi, err := os.Stat(src)
	if err != nil {
		return Errorf("move library", "%w", err)
	}
	if !fi.IsDir() {
		return Errorf("move library", "%s is not a folder", src)
	}
	ids, files, err := libraryContents(src)
	if err != nil {
		return Errorf("move library", "%w", err)
	}
	total := len(ids)
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return Errorf("move library", "create the new folder: %w", err)
	}
	if err := claim(src, dst); err != nil {
		return err
	}
	done := 0
	fail := func(err error) error {
		return Errorf("move library", "moved %d of %d takes, then: %w. Every take is whole in one of the two folders, and the library stays at %s: run the move again to finish it", done, total, err, src)
	}
	if err := finishRetired(src, dst); err != nil {
		return fail(err)
	}
	for _, name := range files {
		if err := moveLibFile(src, dst, name); err != nil {
			return fail(err)
		}
	}
	progress(0, total)
	for _, id := range ids {
		if err := moveTake(src, dst, id); err != nil {
			return fail(fmt.Errorf("take %s: %w", id, err))
		}
		done++
		progress(done, total)
	}
	if err := moveStep("finish"); err != nil {
		return fail(err)
	}
	if err := os.Remove(filepath.Join(dst, moveMarker)); err != nil {
		return fail(err)
	}
	syncDir(dst)
	return nil
}

// movePaths makes src and dst absolute, with symbolic links resolved, and
// refuses a pair where one holds the other.
func movePaths(src, dst string) (string, string, error) {
	if src == "" || dst == "" {
		return "", "", Errorf("move library", "a folder name is empty; choose the new folder")
	}
	var err error
	if src, err = resolve(src); err != nil {
		return "", "", Errorf("move library", "%w", err)
	}
	if dst, err = resolve(dst); err != nil {
		return "", "", Errorf("move library", "%w", err)
	}
	switch {
	case src == dst:
		return "", "", Errorf("move library", "the library is already in %s; choose another folder", dst)
	case inside(dst, src):
		return "", "", Errorf("move library", "%s is inside the library %s; choose a folder outside it", dst, src)
	case inside(src, dst):
		return "", "", Errorf("move library", "the library %s is inside %s; choose an empty folder outside the library", src, dst)
	}
	return src, dst, nil
}

// resolve returns path made absolute and clean, with symbolic links in
// the part of it that exists resolved.
func resolve(path string) (string, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for p := path; ; {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return path, nil
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// inside reports whether path is inside dir.
func inside(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// libraryContents returns the take folders and library files in dir, in
// name order. A take folder is one named like a take or holding take.json.
func libraryContents(dir string) (ids, files []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == StoriesName || name == QuestionsName:
			if e.Type().IsRegular() {
				files = append(files, name)
			}
		case !e.IsDir() || strings.HasPrefix(name, ".") || checkID(name) != nil:
		case takeName.MatchString(name):
			ids = append(ids, name)
		default:
			if _, err := os.Stat(filepath.Join(dir, name, SidecarName)); err == nil {
				ids = append(ids, name)
			}
		}
	}
	return ids, files, nil
}

// marker is what moveMarker holds.
type marker struct {
	From string `json:"from"`
}

// claim checks that dst is empty or holds an unfinished move of src, and
// marks it as the destination of src's move.
func claim(src, dst string) error {
	path := filepath.Join(dst, moveMarker)
	data, err := os.ReadFile(path)
	if err == nil {
		var m marker
		if err := json.Unmarshal(data, &m); err != nil || m.From == "" {
			return Errorf("move library", "%s holds an unreadable note of an earlier move (%s); choose an empty folder", dst, moveMarker)
		}
		if m.From != src {
			return Errorf("move library", "%s holds part of an unfinished move of the library %s; finish that move first, or choose an empty folder", dst, m.From)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return Errorf("move library", "%w", err)
	}
	entries, err := os.ReadDir(dst)
	if err != nil {
		return Errorf("move library", "%w", err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			return Errorf("move library", "%s is not empty (it holds %s); choose an empty folder, or a new one", dst, e.Name())
		}
	}
	data, err = json.Marshal(marker{From: src})
	if err != nil {
		return Errorf("move library", "%w", err)
	}
	if err := (&Library{Dir: dst}).writeAtomic(dst, moveMarker, data); err != nil {
		return Errorf("move library", "%w", err)
	}
	return nil
}

// finishRetired deals with take folders an interrupted move had begun to
// delete from src: hidden "<id>.moved" folders.
func finishRetired(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		id, ok := strings.CutSuffix(strings.TrimPrefix(name, "."), movedSuffix)
		if !e.IsDir() || !strings.HasPrefix(name, ".") || !ok || checkID(id) != nil {
			continue
		}
		old := filepath.Join(src, name)
		if _, err := os.Stat(filepath.Join(dst, id)); err == nil {
			if err := os.RemoveAll(old); err != nil {
				return err
			}
			continue
		}
		// Only retired once safe in dst; if it is not there, keep it.
		if err := os.Rename(old, filepath.Join(src, id)); err != nil {
			return err
		}
	}
	return nil
}

// moveTake moves the take folder id from src to dst.
func moveTake(src, dst, id string) error {
	from, to := filepath.Join(src, id), filepath.Join(dst, id)
	tmp := to + movingSuffix
	if _, err := os.Lstat(to); err == nil {
		// An earlier run renamed a full copy into place. src is the
		// library in use until the move succeeds: if the take changed
		// there since, copy it again.
		if err := sameTree(from, to); err == nil {
			return retire(src, id)
		}
		if err := os.RemoveAll(tmp); err != nil {
			return err
		}
		if err := os.Rename(to, tmp); err != nil {
			return err
		}
		syncDir(dst)
	}
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if moveRename {
		if err := moveStep("rename-fast " + id); err != nil {
			return err
		}
		if os.Rename(from, to) == nil {
			syncDir(dst)
			syncDir(src)
			return nil
		}
	}
	if err := copyTree(from, tmp); err != nil {
		return err
	}
	if err := sameTree(from, tmp); err != nil {
		return err
	}
	if err := moveStep("rename " + id); err != nil {
		return err
	}
	if err := os.Rename(tmp, to); err != nil {
		return err
	}
	syncDir(dst)
	if err := moveStep("verify " + id); err != nil {
		return err
	}
	if err := sameTree(from, to); err != nil {
		// Put it back to be copied again next time.
		if os.Rename(to, tmp) == nil {
			syncDir(dst)
		}
		return err
	}
	return retire(src, id)
}

// retire deletes the take folder id from src once it is safe in dst:
// first renamed to a hidden name, so the library never lists a take half
// deleted, then removed.
func retire(src, id string) error {
	if err := moveStep("retire " + id); err != nil {
		return err
	}
	gone := filepath.Join(src, "."+id+movedSuffix)
	if err := os.RemoveAll(gone); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(src, id), gone); err != nil {
		return err
	}
	syncDir(src)
	if err := moveStep("remove " + id); err != nil {
		return err
	}
	return os.RemoveAll(gone)
}

// moveLibFile moves the library file name (stories.json, questions.json)
// from src to dst.
func moveLibFile(src, dst, name string) error {
	from, to := filepath.Join(src, name), filepath.Join(dst, name)
	if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if sameFile(from, to) != nil {
		tmp := filepath.Join(dst, "."+name+movingSuffix)
		if err := copyFile(from, tmp, name); err != nil {
			return err
		}
		if err := moveStep("rename " + name); err != nil {
			return err
		}
		if err := os.Rename(tmp, to); err != nil {
			return err
		}
		syncDir(dst)
		if err := sameFile(from, to); err != nil {
			return err
		}
	}
	if err := moveStep("remove " + name); err != nil {
		return err
	}
	if err := os.Remove(from); err != nil {
		return err
	}
	syncDir(src)
	return nil
}

// copyTree copies the folder from, which must hold only folders and
// regular files, to the new folder to, syncing every file and folder.
func copyTree(from, to string) error {
	if err := moveStep("mkdir " + filepath.Base(to)); err != nil {
		return err
	}
	if err := os.Mkdir(to, 0o700); err != nil {
		return err
	}
	var dirs []string
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		target := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			dirs = append(dirs, target)
			if rel == "." {
				return nil
			}
			return os.Mkdir(target, 0o700)
		case d.Type().IsRegular():
			return copyFile(path, target, filepath.Join(filepath.Base(from), rel))
		}
		return fmt.Errorf("%s is not a plain file or folder; move it by hand, then try again", path)
	})
	if err != nil {
		return err
	}
	// Deepest first, so each folder's times are set after its contents.
	for _, dir := range slices.Backward(dirs) {
		syncDir(dir)
		rel, _ := filepath.Rel(to, dir)
		if fi, err := os.Stat(filepath.Join(from, rel)); err == nil {
			os.Chtimes(dir, time.Time{}, fi.ModTime())
		}
	}
	return nil
}

// copyFile copies the regular file from to the new file to, with from's
// permissions and modification time, and syncs it. step names it for
// moveFault, which is called half-way through the copy.
func copyFile(from, to, step string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fi.Mode().Perm()|0o600)
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if !closed {
			out.Close()
		}
	}()
	half := fi.Size() / 2
	if _, err := io.CopyN(out, in, half); err != nil {
		return err
	}
	if err := moveStep("copy " + step); err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		return err
	}
	if err := moveStep("sync " + step); err != nil {
		return err
	}
	if err := out.Sync(); err != nil {
		return err
	}
	if err := out.Chmod(fi.Mode().Perm()); err != nil {
		return err
	}
	closed = true
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chtimes(to, time.Time{}, fi.ModTime())
}

// mtimeTol is how far apart two modification times may be and still count
// as the same: some file systems keep them to 2 seconds.
const mtimeTol = 2 * time.Second

// sameFile reports, as an error, how the file b differs from a (see
// sameTree).
func sameFile(a, b string) error {
	fa, err := os.Stat(a)
	if err != nil {
		return err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return err
	}
	ea := treeEntry{rel: ".", size: fa.Size(), mtime: fa.ModTime()}
	eb := treeEntry{rel: ".", size: fb.Size(), mtime: fb.ModTime()}
	if !ea.same(eb, a, b) {
		return fmt.Errorf("the copy %s differs from the original %s", b, a)
	}
	return nil
}

// sameTree reports, as an error, how the folder b differs from a: in the
// names of the files and folders in it, or in a file's contents. Small
// files (take.json) are compared byte for byte; large ones (answer.wav),
// which are never changed after recording, by size and modification time.
func sameTree(a, b string) error {
	la, err := treeList(a)
	if err != nil {
		return err
	}
	lb, err := treeList(b)
	if err != nil {
		return err
	}
	if !slices.EqualFunc(la, lb, func(x, y treeEntry) bool {
		return x.same(y, filepath.Join(a, x.rel), filepath.Join(b, y.rel))
	}) {
		return fmt.Errorf("the copy in %s differs from the original in %s", b, a)
	}
	return nil
}

// smallFile is the size up to which sameTree compares contents.
const smallFile = 1 << 20

type treeEntry struct {
	rel   string
	dir   bool
	size  int64
	mtime time.Time
}

// same reports whether x, at path px, and y, at path py, match.
func (x treeEntry) same(y treeEntry, px, py string) bool {
	switch {
	case x.rel != y.rel || x.dir != y.dir:
		return false
	case x.dir:
		return true
	case x.size != y.size:
		return false
	case x.size <= smallFile:
		bx, err := os.ReadFile(px)
		if err != nil {
			return false
		}
		by, err := os.ReadFile(py)
		return err == nil && bytes.Equal(bx, by)
	}
	return x.mtime.Sub(y.mtime).Abs() <= mtimeTol
}

// treeList lists the folders and files under root, in walk order.
func treeList(root string) ([]treeEntry, error) {
	var list []treeEntry
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		list = append(list, treeEntry{rel: rel, dir: d.IsDir(), size: fi.Size(), mtime: fi.ModTime()})
		return nil
	})
	return list, err
}

// syncDir makes changes to the folder's entries durable. Not every system
// can sync a folder (Windows cannot open one), so errors are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
