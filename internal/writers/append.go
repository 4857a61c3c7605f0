package writers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
)

// Header is the header row the Appender writes: the columns Load reads,
// in the order of examples/writers.csv.
var Header = []string{"name", "address", "postcode", "city", "region", "country", "language", "email", "note"}

// Record is w as a CSV row under Header: the address lines in one cell,
// one per line; the city in its plain form. A cell that a spreadsheet
// would run as a formula (=, +, -, @, a tab or a carriage return first)
// is written after an apostrophe, as the batch manifest does.
func Record(w Writer) []string {
	s := w.Sender
	rec := []string{s.Name, strings.Join(s.Address, "\n"), s.Postcode, s.PostalCity(), s.Region, s.Country, s.Language, s.Email, w.Note}
	for i, f := range rec {
		rec[i] = defuse(f)
	}
	return rec
}

func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Appender adds writers to a CSV writers file, one row at a time, for a
// server that collects them: each row is one write to a file opened for
// appending, then synced, under a lock, so that rows of concurrent
// callers do not interleave and a row is on disk once Append returns.
// The header is written when the file is new.
type Appender struct {
	mu   sync.Mutex
	f    *os.File
	path string
	nl   bool // the file does not end with a line break: start with one
	seen map[string]bool
}

// identity is who w is: the same person sending the form twice is
// stored once.
func identity(w Writer) string {
	s := w.Sender
	parts := append([]string{s.Name, s.Postcode, s.PostalCity(), s.Region, s.Country, s.Email}, s.Address...)
	for i, p := range parts {
		parts[i] = strings.ToLower(strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(parts, "\x00")
}

// OpenAppender opens path for appending writers, creating it (readable
// by its owner only) when missing. An existing file must be a CSV
// writers file with the columns of Header, in that order.
func OpenAppender(path string) (*Appender, error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a plain file", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	a := &Appender{f: f, path: path, seen: map[string]bool{}}
	if err := a.check(); err != nil {
		f.Close()
		return nil, err
	}
	if file, _ := Load(path, io.NewSectionReader(f, 0, 1<<62)); file != nil {
		for _, w := range file.Writers {
			a.seen[identity(w)] = true
		}
	}
	return a, nil
}

// check reads the header of a file that has one, and whether the file
// ends with a line break.
func (a *Appender) check() error {
	fi, err := a.f.Stat()
	if err != nil || fi.Size() == 0 {
		return err
	}
	line, err := bufio.NewReader(io.NewSectionReader(a.f, 0, fi.Size())).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	rec, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(line, "\ufeff"))).Read()
	if err != nil || !slices.Equal(rec, Header) {
		return fmt.Errorf("%s has other columns than %s; give a new file, or one an earlier --collect wrote", a.path, strings.Join(Header, ","))
	}
	last := make([]byte, 1)
	if _, err := a.f.ReadAt(last, fi.Size()-1); err != nil {
		return err
	}
	a.nl = last[0] != '\n'
	return nil
}

// Append adds w as one row, and the header first when the file is empty.
// A writer the file lists already (the same name, address and e-mail) is
// not added again: added is false.
func (a *Appender) Append(w Writer) (added bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return false, errors.New("writers file closed")
	}
	id := identity(w)
	if a.seen[id] {
		return false, nil
	}
	var b bytes.Buffer
	if a.nl {
		b.WriteString("\n")
	}
	cw := csv.NewWriter(&b)
	fi, err := a.f.Stat()
	if err != nil {
		return false, err
	}
	if fi.Size() == 0 {
		cw.Write(Header)
	}
	cw.Write(Record(w))
	cw.Flush()
	if err := cw.Error(); err != nil {
		return false, err
	}
	if _, err := a.f.Write(b.Bytes()); err != nil {
		return false, err
	}
	a.nl = false
	if err := a.f.Sync(); err != nil {
		return false, err
	}
	a.seen[id] = true
	return true, nil
}

// Close closes the file.
func (a *Appender) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	return err
}
