package cli

import (
	"appeal/internal/input"
	"appeal/internal/pdf"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"appeal/internal/casefile"
)

// loadCase reads the case file at path, or standard input for "-".
func loadCase(e *env, path string) (*casefile.Case, error) {
	if path == "-" {
		return casefile.Load("<stdin>", e.In)
	}
	f, err := openInput(path, "case file")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, input.Problems{{File: path, Msg: "no such file; check the name (case files usually live in cases/)"}}
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return casefile.Load(path, f)
}

// openInput opens a file the user named as input: a folder, a missing or
// unreadable file is invalid input (exit status 2), said the same way for
// every kind of file ("a folder; give the case file").
func openInput(path, what string) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, input.Problems{{File: path, Msg: "is a folder; give the " + what}}
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, openError(path, err)
	}
	return f, nil
}

// openError rewrites a failure to open an input file for people.
func openError(path string, err error) error {
	var ps input.Problems
	if errors.As(err, &ps) {
		return err // said already
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return input.Problems{{File: path, Msg: "no such file"}}
	case errors.Is(err, fs.ErrPermission):
		return input.Problems{{File: path, Msg: "permission denied"}}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return input.Problems{{File: path, Msg: pe.Err.Error()}}
	}
	return err
}

// loadSender reads the writer from --sender, else from the user's config
// (sender.yaml in $APPEAL_CONFIG_DIR, $XDG_CONFIG_HOME/appeal or
// ~/.config/appeal, the last on macOS too). It returns nil, nil when there
// is none.
func loadSender(e *env, flag string) (*casefile.Sender, string, error) {
	path := flag
	if path == "" {
		path = senderConfigPath(e)
		if path == "" {
			return nil, "", nil
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, "", nil
		}
	}
	f, err := openInput(path, "sender file (YAML with your name and address)")
	if err != nil {
		return nil, path, openError(path, err)
	}
	defer f.Close()
	s, err := casefile.LoadSender(path, f)
	if err == nil {
		var ps input.Problems
		s.Printed(func(field, text string) {
			if rs := pdf.Unprintable(text); len(rs) > 0 {
				ps = append(ps, input.Problem{File: path, Path: field, Msg: input.Unprintable(text, rs)})
			}
		})
		if len(ps) > 0 {
			return nil, path, ps
		}
	}
	return s, path, err
}

func senderConfigPath(e *env) string {
	if d := configDir(e); d != "" {
		return filepath.Join(d, "sender.yaml")
	}
	return ""
}

// configDir is appeal's config folder: $APPEAL_CONFIG_DIR, else
// $XDG_CONFIG_HOME/appeal, else ~/.config/appeal (on macOS too); empty when
// none can be named.
func configDir(e *env) string {
	if d := e.Getenv("APPEAL_CONFIG_DIR"); d != "" {
		return d
	}
	if d := e.Getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "appeal")
	}
	if h := e.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "appeal")
	}
	return ""
}

// today is the letter's date: SOURCE_DATE_EPOCH when set, so that a
// reproducible run gives the same letters on any day, else the clock.
func today(e *env) (time.Time, error) {
	if s := e.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usagef("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return e.Now(), nil
}
