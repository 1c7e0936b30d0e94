package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"failforward/practice"
)

func init() {
	Register(Command{
		Name:    "export",
		Args:    "TAKE_DIR [--format audacity|vtt|json] [-o FILE]",
		Summary: "write a take's STAR parts as Audacity labels, WebVTT chapters or JSON",
		Run:     runExport,
	})
	Register(Command{
		Name:    "import-labels",
		Args:    "TAKE_DIR LABELS.txt [--replace]",
		Summary: "tag a take's STAR parts from an Audacity label file",
		Run:     runImportLabels,
	})
}

// parseArgs parses flags given before, between or after the positional
// arguments, which it returns.
func parseArgs(fset *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fset.Parse(args); err != nil {
			return nil, err
		}
		if fset.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fset.Arg(0))
		args = fset.Args()[1:]
	}
}

// loadTakeDir loads the take in folder dir, or, if dir is a bare take ID
// with no such folder here, the take of that ID in the default library.
// It returns the take's library too, for saving.
func loadTakeDir(dir string) (*practice.Library, practice.Take, error) {
	clean := filepath.Clean(dir)
	if _, err := os.Stat(clean); errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(dir, `/\`) {
		if lib, err := practice.DefaultDir(); err == nil {
			if _, err := os.Stat(filepath.Join(lib, clean)); err == nil {
				clean = filepath.Join(lib, clean)
			}
		}
	}
	abs, err := filepath.Abs(clean)
	if err != nil {
		return nil, practice.Take{}, err
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, practice.Take{}, fmt.Errorf("no take folder %s: give the folder of one take, which holds %s and %s", dir, practice.AudioName, practice.SidecarName)
	case err != nil:
		return nil, practice.Take{}, err
	case !fi.IsDir():
		return nil, practice.Take{}, fmt.Errorf("%s is a file: give the folder of one take, which holds %s and %s", dir, practice.AudioName, practice.SidecarName)
	}
	lib := &practice.Library{Dir: filepath.Dir(abs)}
	t, err := lib.Load(filepath.Base(abs))
	var te *practice.TakeError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, practice.Take{}, fmt.Errorf("%s has no %s: give the folder of one saved take", dir, practice.SidecarName)
	case errors.As(err, &te):
		return nil, practice.Take{}, fmt.Errorf("cannot read the take in %s: %s", dir, te.Reason)
	case err != nil:
		return nil, practice.Take{}, err
	}
	return lib, t, nil
}

// exportJSON is what --format json writes.
type exportJSON struct {
	ID         string          `json:"id"`
	QuestionID string          `json:"question_id"`
	Duration   float64         `json:"duration_s"`
	Parts      []practice.Part `json:"parts"`
}

func runExport(args []string, stdout, stderr io.Writer) int {
	const name = "failforward export"
	fset := flag.NewFlagSet("export", flag.ContinueOnError)
	fset.SetOutput(stderr)
	format := fset.String("format", "audacity", "audacity (label track), vtt (WebVTT chapters) or json")
	out := fset.String("o", "", "write to this `file` instead of standard output")
	pos, err := parseArgs(fset, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "%s: want one take folder, got %d arguments\nusage: failforward export TAKE_DIR [--format audacity|vtt|json] [-o FILE]\n", name, len(pos))
		return 2
	}
	_, t, err := loadTakeDir(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	var text string
	switch *format {
	case "audacity":
		text = practice.FormatAudacity(t.Parts)
	case "vtt", "webvtt":
		text = practice.FormatWebVTT(t.Parts)
	case "json":
		parts := t.Parts
		if parts == nil {
			parts = []practice.Part{}
		}
		b, err := json.MarshalIndent(exportJSON{t.ID, t.QuestionID, t.Duration, parts}, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 1
		}
		text = string(b) + "\n"
	default:
		fmt.Fprintf(stderr, "%s: unknown format %q: use audacity, vtt or json\n", name, *format)
		return 2
	}
	if len(t.Parts) == 0 {
		fmt.Fprintf(stderr, "%s: take %s has no tagged parts yet, so there are no labels to write\n", name, t.ID)
	}
	if *out == "" {
		if _, err := io.WriteString(stdout, text); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 1
		}
		return 0
	}
	if err := os.WriteFile(*out, []byte(text), 0o644); err != nil {
		fmt.Fprintf(stderr, "%s: cannot write the file: %v\n", name, err)
		return 1
	}
	return 0
}

func runImportLabels(args []string, stdout, stderr io.Writer) int {
	const name = "failforward import-labels"
	fset := flag.NewFlagSet("import-labels", flag.ContinueOnError)
	fset.SetOutput(stderr)
	replace := fset.Bool("replace", false, "replace the parts the take already has")
	pos, err := parseArgs(fset, args)
	if err != nil {
		return 2
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "%s: want a take folder and a label file, got %d arguments\nusage: failforward import-labels TAKE_DIR LABELS.txt [--replace]\n", name, len(pos))
		return 2
	}
	lib, t, err := loadTakeDir(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot read the label file: %v\n", name, err)
		return 1
	}
	labels, err := practice.ParseAudacity(string(data))
	var parts []practice.Part
	if err == nil {
		parts, err = practice.PartsFromLabels(labels, t.Duration)
	}
	if err != nil {
		for _, e := range flatten(err) {
			var le *practice.LabelError
			if errors.As(e, &le) {
				fmt.Fprintf(stderr, "%s: %s line %d: %s\n", name, pos[1], le.Line, le.Msg)
			} else {
				fmt.Fprintf(stderr, "%s: %s: %v\n", name, pos[1], e)
			}
		}
		fmt.Fprintf(stderr, "%s: nothing was changed; fix the lines above and run the command again\n", name)
		return 1
	}
	if len(parts) == 0 {
		fmt.Fprintf(stderr, "%s: %s holds no labels; nothing was changed\n", name, pos[1])
		return 1
	}
	if len(t.Parts) > 0 && !*replace {
		fmt.Fprintf(stderr, "%s: take %s already has %d tagged parts; add --replace to replace them with the %d from %s\n", name, t.ID, len(t.Parts), len(parts), pos[1])
		return 1
	}
	t.Parts = parts
	if err := lib.Save(t); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	fmt.Fprintf(stdout, "Tagged %d parts on take %s:\n", len(parts), t.ID)
	for _, p := range parts {
		fmt.Fprintf(stdout, "  %-9s %8.3f s to %8.3f s\n", p.Kind, p.Start, p.End)
	}
	return 0
}

// flatten returns the errors joined in err, or err alone.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
