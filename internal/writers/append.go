package writers

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"appeal/internal/output"
)

// Header is the header row the Appender writes: the columns Load reads,
// in the order of examples/writers.csv, and the recipients chosen.
var Header = []string{"name", "address", "postcode", "city", "region", "country", "language", "email", "note", "to", "case"}

// Record is w as a CSV row under Header: the address lines in one cell,
// one per line; the city in its plain form; the recipient ids separated
// by spaces. A cell that a spreadsheet would run as a formula (=, +, -,
// @, a tab or a carriage return first) is written after an apostrophe,
// as the batch manifest does; Load takes the apostrophe off again.
func Record(w Writer) []string {
	s := w.Sender
	rec := []string{s.Name, strings.Join(s.Address, "\n"), s.Postcode, s.PostalCity(), s.Region, s.Country, s.Language, s.Email, w.Note, strings.Join(w.To, " "), w.Case}
	for i, f := range rec {
		rec[i] = output.Defuse(f)
	}
	return rec
}

// Appender keeps the writers a server collects in a CSV writers file,
// one row per writer: a writer who sends the form again (to correct the
// address, change the note or the recipients) replaces their row, found
// by the key the caller gives for the writer's visit, or else by who
// they are (the same name, address and e-mail). Each change rewrites
// the file whole, synced, under a temporary name renamed into place, so
// the file on disk is always the last whole list, even if the server is
// killed. Changes made to the file meanwhile (the organiser removing a
// row) are read before the next change.
type Appender struct {
	mu     sync.Mutex
	path   string
	rows   [][]string // under Header, the header left out
	at     fileState  // of the file as last read or written
	visits map[string]string
	closed bool
}

// Status says what Put did.
type Status int

const (
	Added     Status = iota // a new row
	Updated                 // the writer's row, changed
	Unchanged               // the writer's row, as it was
)

type fileState struct {
	size int64
	mod  time.Time
}

func stateOf(fi os.FileInfo) fileState { return fileState{fi.Size(), fi.ModTime()} }

// OpenAppender opens path for collecting writers, creating it (readable
// by its owner only) when missing. An existing file must be a CSV
// writers file with the columns of Header, in that order (a file from
// before the "to" column is read too, and written with it).
func OpenAppender(path string) (*Appender, error) {
	a := &Appender{path: path, visits: map[string]string{}}
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return a, a.save()
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a plain file", path)
	}
	return a, a.read()
}

// read loads the rows of the file.
func (a *Appender) read() error {
	// The state first, then the rows: a file saved in between is read
	// again at the next Put, never taken for the rows read before it.
	fi, err := os.Stat(a.path)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(a.path)
	if err != nil {
		return err
	}
	a.rows = nil
	a.at = stateOf(fi)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	// Files from before the "to" and "case" columns are read too.
	if err == nil && len(recs) > 0 && !slices.Equal(recs[0], Header) && !slices.Equal(recs[0], Header[:len(Header)-1]) && !slices.Equal(recs[0], Header[:len(Header)-2]) {
		err = errors.New("other columns")
	}
	if err != nil {
		return fmt.Errorf("%s has other columns than %s, or is not CSV (%v); give a new file, or one an earlier --collect wrote", a.path, strings.Join(Header, ","), err)
	}
	for _, rec := range recs[1:] {
		if len(rec) < len(Header) {
			rec = append(rec, make([]string, len(Header)-len(rec))...)
		}
		a.rows = append(a.rows, rec[:len(Header)])
	}
	return nil
}

// save writes every row to the file.
func (a *Appender) save() error {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(Header)
	cw.WriteAll(a.rows)
	if err := cw.Error(); err != nil {
		return err
	}
	if err := output.WriteOwnerOnly(filepath.Dir(a.path), output.File{Path: filepath.Base(a.path), Data: b.Bytes()}); err != nil {
		return err
	}
	fi, err := os.Stat(a.path)
	if err != nil {
		return err
	}
	a.at = stateOf(fi)
	return nil
}

// identity is who the writer of a row is, and for which case: one
// person writing for two cases has two rows.
func identity(rec []string) string {
	var parts []string
	for i, c := range rec {
		if h := Header[i]; h != "language" && h != "note" && h != "to" {
			parts = append(parts, strings.ToLower(strings.Join(strings.Fields(c), " ")))
		}
	}
	return strings.Join(parts, "\x00")
}

// Put stores w: a new row, or in place of the row that visit (a key the
// caller keeps for one writer's visit; "" for none) stored last or of
// the same writer.
func (a *Appender) Put(visit string, w Writer) (Status, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return 0, errors.New("writers file closed")
	}
	if fi, err := os.Stat(a.path); err != nil || stateOf(fi) != a.at {
		if err := a.read(); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
	}
	rec := Record(w)
	id := identity(rec)
	at := -1
	for _, want := range []string{a.visits[visit], id} {
		if want == "" || at >= 0 {
			continue
		}
		at = slices.IndexFunc(a.rows, func(r []string) bool { return identity(r) == want })
	}
	st := Added
	rows := slices.Clone(a.rows)
	switch {
	case at >= 0 && slices.Equal(rows[at], rec):
		st = Unchanged
	case at >= 0:
		rows[at], st = rec, Updated
	default:
		rows = append(rows, rec)
	}
	if st != Unchanged {
		old := a.rows
		a.rows = rows
		if err := a.save(); err != nil {
			a.rows = old
			return 0, err
		}
	}
	if visit != "" {
		a.visits[visit] = id
	}
	return st, nil
}

// Close ends collecting; Put fails after it.
func (a *Appender) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.closed = true
	return nil
}
