// Package batch writes many letters at once, restartably: every letter is
// written under a temporary name and renamed when complete, and listed in
// manifest.csv first, so that running the same command again after an
// interruption finishes the rest without redoing or duplicating anything.
// It also makes the print files: combined letters, envelopes and labels.
package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"appeal/internal/casefile"
	"appeal/internal/doc"
	"appeal/internal/letter"
	"appeal/internal/output"
	"appeal/internal/pdf"
	"appeal/internal/render"
)

// Options say how to write a batch.
type Options struct {
	Dir  string // output folder
	Text bool   // plain text instead of PDF
	// Mail writes e-mail drafts (.eml) instead, to recipients with an
	// e-mail address; AttachPDF adds the PDF letter to each.
	Mail      bool
	AttachPDF bool
	Paper     pdf.Paper
	Date      time.Time // the letters' date
	SameText  bool      // no alternative wordings
	Force     bool      // overwrite files the manifest does not list
	Workers   int       // 0: four per CPU
	// Progress, when set, is called after each letter with the number done
	// (including those an earlier run finished) and the total.
	Progress func(done, total int)
}

// Result counts what a run did.
type Result struct {
	Written   int            // letters written now
	Done      int            // letters an earlier run had finished
	Languages map[string]int // letters written now, by language
	Long      []string       // files of letters longer than one page
}

// Ext is the file extension of the letters.
func (o Options) Ext() string {
	if o.Mail {
		return ".eml"
	}
	if o.Text {
		return ".txt"
	}
	return ".pdf"
}

// Input is what a letter of the plan is rendered from.
func Input(c *casefile.Case, l letter.Letter, o Options) render.Input {
	return render.Input{Case: c, Recipient: l.Recipient, Sender: l.Writer, Note: l.Note, Lang: l.Lang, Region: l.Region, Date: o.Date, SameText: o.SameText}
}

// Pending is a batch checked against its output folder: which letters an
// earlier run finished and which are left.
type Pending struct {
	plan  []letter.Letter
	files []string
	rows  map[string]Row
	todo  []int
	done  int
	// Strays are letters the manifest lists for this case, on disk, by
	// writers the plan has no letter from: writers since
	// taken out of the writers file. They are kept, and reported.
	Strays []string
}

// Left is the number of letters still to write.
func (p *Pending) Left() int { return len(p.todo) }

// Check compares the plan with the manifest and the files on disk. It
// fails, before anything is written, when a file is in the way: not listed
// in the manifest, or not as listed (unless Force).
func Check(r *render.Renderer, c *casefile.Case, plan []letter.Letter, o Options) (*Pending, error) {
	rows, err := ReadManifest(o.Dir)
	if err != nil {
		return nil, err
	}
	present, err := sweepTemp(o.Dir, letter.CaseSlug(c))
	if err != nil {
		return nil, err
	}
	p := &Pending{plan: plan, rows: rows}
	p.files = make([]string, len(plan))
	for i, l := range plan {
		p.files[i] = l.Path + o.Ext()
	}
	states := make([]int, len(plan))
	if err := Parallel(len(plan), func(i int) error {
		var err error
		if !present[p.files[i]] {
			return nil // missing: nothing to read
		}
		states[i], err = state(r, c, plan[i], o, p.files[i], rows)
		return err
	}); err != nil {
		return nil, err
	}
	var inTheWay []string
	for i, st := range states {
		switch {
		case st == done:
			p.done++
			continue
		case st == inWay && !o.Force:
			inTheWay = append(inTheWay, filepath.Join(o.Dir, filepath.FromSlash(p.files[i])))
		}
		p.todo = append(p.todo, i)
	}
	p.Strays = strays(c, plan, rows, o)
	if len(inTheWay) > 0 {
		more := ""
		if len(inTheWay) > 1 {
			more = fmt.Sprintf(" and %d more", len(inTheWay)-1)
		}
		return nil, fmt.Errorf("%w: %s%s, not as %s lists it for this case and these writers; use --force to overwrite",
			output.ErrExists, inTheWay[0], more, filepath.Join(o.Dir, ManifestName))
	}
	return p, nil
}

// strays lists the letters of rows for this case by writers no letter of
// the plan comes from (see Pending.Strays), sorted.
func strays(c *casefile.Case, plan []letter.Letter, rows map[string]Row, o Options) []string {
	writers := map[string]bool{}
	for _, l := range plan {
		writers[letter.WriterKey(l.Path)] = true
	}
	var out []string
	for file, r := range rows {
		if r.Case != c.Reference || r.Writer == "" || writers[letter.WriterKey(file)] {
			continue
		}
		if _, err := os.Lstat(filepath.Join(o.Dir, filepath.FromSlash(file))); err == nil {
			out = append(out, file)
		}
	}
	sort.Strings(out)
	return out
}

// Run writes the letters left. On cancellation it stops after the letters
// under way and returns ctx.Err(); what was written stays listed and
// complete.
func (p *Pending) Run(ctx context.Context, r *render.Renderer, c *casefile.Case, o Options) (Result, error) {
	res := Result{Languages: map[string]int{}, Done: p.done}
	plan, files, rows, todo := p.plan, p.files, p.rows, p.todo
	if len(todo) == 0 {
		return res, nil
	}

	m, err := openManifest(o.Dir)
	if err != nil {
		return res, err
	}
	workers := o.Workers
	if workers <= 0 {
		// More workers than cores: creating a file blocks in the kernel
		// (about half of a letter's time on an ext4 disk), and the other
		// workers keep the cores busy meanwhile.
		workers = 4 * runtime.GOMAXPROCS(0)
	}
	var (
		mu    sync.Mutex // guards res and rows
		doneN atomic.Int64
	)
	doneN.Store(int64(res.Done))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	for _, i := range todo {
		if gctx.Err() != nil {
			break // the first error, or the caller, cancelled the rest
		}
		g.Go(func() error {
			if gctx.Err() != nil {
				return nil
			}
			buf := bufs.Get().(*bytes.Buffer)
			defer bufs.Put(buf)
			row, err := writeOne(r, c, plan[i], files[i], o, m, buf)
			if err != nil {
				return fmt.Errorf("%s: %w", files[i], err)
			}
			mu.Lock()
			rows[row.File] = row
			res.Written++
			res.Languages[row.Language]++
			if row.Pages > 1 {
				res.Long = append(res.Long, filepath.Join(o.Dir, filepath.FromSlash(row.File)))
			}
			mu.Unlock()
			if n := int(doneN.Add(1)); o.Progress != nil {
				o.Progress(n, len(plan))
			}
			return nil
		})
	}
	werr := g.Wait()
	cerr := m.close()
	switch {
	case werr != nil:
		return res, werr
	case ctx.Err() != nil:
		return res, ctx.Err()
	case cerr != nil:
		return res, cerr
	}
	return res, compactManifest(o.Dir, files, rows)
}

// Parallel calls f(0) ... f(n-1), as many at once as there are cores, and
// returns the first error; after it, no new call starts.
func Parallel(n int, f func(i int) error) error {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	var failed atomic.Bool
	for i := range n {
		if failed.Load() {
			break
		}
		g.Go(func() error {
			if err := f(i); err != nil {
				failed.Store(true)
				return err
			}
			return nil
		})
	}
	return g.Wait()
}

// writeOne renders, lays out and writes one letter: manifest row first,
// then the file under a temporary name, renamed into place.
func writeOne(r *render.Renderer, c *casefile.Case, l letter.Letter, file string, o Options, m *manifest, buf *bytes.Buffer) (Row, error) {
	d, pages, err := Make(r, c, l, o, buf)
	if err != nil {
		return Row{}, err
	}
	sum := sha256.Sum256(buf.Bytes())
	row := Row{File: file, Case: c.Reference, Recipient: l.Recipient.ID, Language: l.Lang, Pages: pages,
		SHA256: hex.EncodeToString(sum[:]), Source: source(d, o)}
	if l.Writer != nil {
		row.Writer = l.Writer.Name
	}
	if err := m.add(row.record()); err != nil {
		return Row{}, fmt.Errorf("manifest: %w", err)
	}
	return row, output.WriteFast(o.Dir, output.File{Path: filepath.FromSlash(file), Data: buf.Bytes()})
}

// The states of a planned letter on disk.
const (
	missing = iota // not there (or listed but gone): write it
	done           // there, whole, as the manifest lists it, from the same source
	inWay          // a file is there that this letter would overwrite
)

// state tells whether the letter is done: the manifest lists the file, the
// file on disk has the listed checksum, and the letter made now from the
// case and the writer would say the same (its date aside, so a batch
// resumed the next day keeps the letters already written).
func state(r *render.Renderer, c *casefile.Case, l letter.Letter, o Options, file string, rows map[string]Row) (int, error) {
	data, err := os.ReadFile(filepath.Join(o.Dir, filepath.FromSlash(file)))
	if errors.Is(err, fs.ErrNotExist) {
		return missing, nil
	}
	if err != nil {
		return 0, err
	}
	row, ok := rows[file]
	if !ok {
		return inWay, nil
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != row.SHA256 {
		return inWay, nil
	}
	d, err := r.Letter(Input(c, l, o))
	if err != nil {
		return 0, err
	}
	if source(d, o) != row.Source {
		return inWay, nil
	}
	return done, nil
}

// source is a digest of everything a letter file is made from but its date.
func source(d doc.Letter, o Options) string {
	h := sha256.New()
	put := func(ss ...string) {
		for _, s := range ss {
			io.WriteString(h, s)
			h.Write([]byte{0})
		}
	}
	put(d.Lang, d.ReturnLine, d.Subject, d.Salutation, d.Closing, d.CopyTo, d.PageOf, strconv.Itoa(int(o.Paper)), strconv.FormatBool(o.Text))
	for _, part := range [][]string{d.Sender, d.Recipient, d.Signature} {
		put(part...)
		h.Write([]byte{1})
	}
	for _, b := range d.Body {
		put(b.Marker, b.Text)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// sweepTemp removes the temporary files an interrupted run left in the
// case's folder under dir, and returns the files that are there (paths
// relative to dir, with slashes): one walk instead of a look for each
// letter, which in a fresh folder would find nothing thousands of times.
func sweepTemp(dir, caseSlug string) (map[string]bool, error) {
	present := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(dir, caseSlug), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if output.IsTemp(d.Name()) {
			return os.Remove(p)
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		present[filepath.ToSlash(rel)] = true
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return present, nil
	}
	return present, err
}

// Letters renders the letters of plan, in order, for the print files.
func Letters(r *render.Renderer, c *casefile.Case, plan []letter.Letter, o Options) ([]doc.Letter, error) {
	out := make([]doc.Letter, len(plan))
	for i, l := range plan {
		d, err := r.Letter(Input(c, l, o))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.Path, err)
		}
		out[i] = d
	}
	return out, nil
}

// Volumes splits n items into volumes of at most size and names them
// after file: the file itself when there is one volume, else
// name-001.pdf, name-002.pdf ...
func Volumes(file string, n, size int) (names []string, bounds [][2]int) {
	if size <= 0 || n <= size {
		return []string{file}, [][2]int{{0, n}}
	}
	ext := filepath.Ext(file)
	base := strings.TrimSuffix(file, ext)
	for i, v := 0, 1; i < n; i, v = i+size, v+1 {
		names = append(names, fmt.Sprintf("%s-%03d%s", base, v, ext))
		bounds = append(bounds, [2]int{i, min(i+size, n)})
	}
	return names, bounds
}
