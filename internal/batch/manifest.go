package batch

import (
	"appeal/internal/output"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = "manifest.csv"

var manifestHeader = []string{"file", "case", "recipient", "writer", "language", "pages", "sha256", "source"}

// Row is one written letter in the manifest.
type Row struct {
	File      string // path under the output folder, with forward slashes
	Case      string // the case's reference
	Recipient string // recipient id
	Writer    string // the writer's name
	Language  string
	Pages     int // 0 for text letters
	SHA256    string
	Source    string // digest of what the letter was made from; a change means the letter is stale
}

// record is the row as CSV fields. Line breaks become spaces, so that one
// row is always one line and a torn last line cannot swallow the next; a
// cell a spreadsheet would run as a formula is defused.
func (r Row) record() []string {
	rec := []string{r.File, r.Case, r.Recipient, r.Writer, r.Language, strconv.Itoa(r.Pages), r.SHA256, r.Source}
	for i, f := range rec {
		rec[i] = output.Defuse(strings.Join(strings.Fields(f), " "))
	}
	rec[0] = r.File // a path is kept as it is
	return rec
}

// ReadManifest reads dir's manifest, keyed by file; a missing manifest is
// empty. A later row for the same file wins; a torn last row (the process
// was killed while writing it) is ignored.
func ReadManifest(dir string) (map[string]Row, error) {
	path := filepath.Join(dir, ManifestName)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Row{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows := map[string]Row{}
	br := bufio.NewReader(f)
	for line := 0; ; line++ {
		text, err := br.ReadString('\n') // no line is too long to read
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if rec, cerr := csv.NewReader(strings.NewReader(text)).Read(); line > 0 && cerr == nil && len(rec) == len(manifestHeader) {
			for i := range rec {
				rec[i] = output.Undefuse(rec[i])
			}
			pages, _ := strconv.Atoi(rec[5])
			rows[rec[0]] = Row{File: rec[0], Case: rec[1], Recipient: rec[2], Writer: rec[3], Language: rec[4], Pages: pages, SHA256: rec[6], Source: rec[7]}
		} // else the header, a blank line or a torn row
		if err != nil {
			return rows, nil
		}
	}
}

// manifest appends rows to dir's manifest as letters are written. Each row
// reaches the file (a write call) before its letter is renamed into place,
// so a letter on disk is always listed.
type manifest struct {
	mu sync.Mutex
	f  *os.File
	w  *csv.Writer
}

func openManifest(dir string) (*manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, ManifestName)
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a plain file (a link or a folder); the manifest is written only as a file of its own: remove it or choose another --out", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	m := &manifest{f: f, w: csv.NewWriter(f)}
	if fi, err := f.Stat(); err == nil && fi.Size() == 0 {
		if err := m.add(manifestHeader); err != nil {
			f.Close()
			return nil, err
		}
	} else if err == nil {
		// Start on a fresh line if the last run was killed mid-row.
		if _, err := f.WriteString("\n"); err != nil {
			f.Close()
			return nil, err
		}
	}
	return m, nil
}

func (m *manifest) add(rec []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.w.Write(rec); err != nil {
		return err
	}
	m.w.Flush()
	return m.w.Error()
}

func (m *manifest) close() error {
	m.w.Flush()
	err := m.w.Error()
	if serr := m.f.Sync(); err == nil {
		err = serr
	}
	if cerr := m.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// compactManifest rewrites dir's manifest with one row per letter: the
// files of order first, in that order, then the other rows (letters of
// earlier runs into the same folder) sorted by file.
func compactManifest(dir string, order []string, rows map[string]Row) error {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(manifestHeader)
	seen := map[string]bool{}
	rest := make([]string, 0, len(rows))
	for file := range rows {
		rest = append(rest, file)
	}
	sort.Strings(rest)
	for _, file := range append(order, rest...) {
		if r, ok := rows[file]; ok && !seen[file] {
			seen[file] = true
			w.Write(r.record())
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return output.Write(dir, output.File{Path: ManifestName, Data: b.Bytes()})
}
