package batch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"appeal/internal/casefile"
	"appeal/internal/doc"
	"appeal/internal/letter"
	"appeal/internal/output"
	"appeal/internal/pdf"
	"appeal/internal/render"
)

// PrintSet is the files for the printer: every letter in one PDF
// (Combined), the envelopes and the address labels, all in the order of
// the plan, so that letter n goes into envelope n. Each is cut into
// volumes of Volume letters. An empty name leaves that file out.
type PrintSet struct {
	Combined  string
	Duplex    bool // Combined: every letter starts on an odd page
	Envelopes string
	Envelope  pdf.Envelope
	Labels    string
	Volume    int // letters per volume; 0: one volume
}

// Empty reports whether the set names no file.
func (ps PrintSet) Empty() bool { return ps.Combined == "" && ps.Envelopes == "" && ps.Labels == "" }

// printFile is one of the files of a print set.
type printFile struct {
	flag, name string
	make       func(b *bytes.Buffer, letters []doc.Letter) error
}

func (ps PrintSet) files(created Options) []printFile {
	var out []printFile
	if ps.Combined != "" {
		out = append(out, printFile{"--combined", ps.Combined, func(b *bytes.Buffer, ls []doc.Letter) error {
			_, err := pdf.Write(b, pdf.Options{Paper: created.Paper, Created: created.Date, Duplex: ps.Duplex}, ls...)
			return err
		}})
	}
	if ps.Envelopes != "" {
		out = append(out, printFile{"--envelopes", ps.Envelopes, func(b *bytes.Buffer, ls []doc.Letter) error {
			return pdf.Envelopes(b, ps.Envelope, created.Date, Mailings(ls)...)
		}})
	}
	if ps.Labels != "" {
		out = append(out, printFile{"--labels", ps.Labels, func(b *bytes.Buffer, ls []doc.Letter) error {
			return pdf.Labels(b, created.Date, 0, Mailings(ls)...)
		}})
	}
	return out
}

// Mailings are the envelopes or labels of letters: the recipient's address
// block as the letter prints it, and the writer's return address.
func Mailings(ls []doc.Letter) []pdf.Mailing {
	ms := make([]pdf.Mailing, len(ls))
	for i, l := range ls {
		ms[i] = pdf.Mailing{To: l.Recipient, From: l.ReturnAddress}
	}
	return ms
}

// Names lists the files the set makes for n letters, every volume.
func (ps PrintSet) Names(n int) []string {
	var out []string
	for _, pf := range ps.files(Options{}) {
		names, _ := Volumes(pf.name, n, ps.Volume)
		out = append(out, names...)
	}
	return out
}

// Check refuses, before anything is written, print files that exist
// (unless force), that are one file given twice, or that are the
// manifest of the output folder dir. It removes the temporary files an
// interrupted run left beside them.
func (ps PrintSet) Check(dir string, n int, force bool) error {
	if err := ps.Collisions(dir, n); err != nil {
		return err
	}
	var files []output.File
	for _, name := range ps.Names(n) {
		if err := output.SweepTemps(name); err != nil {
			return err
		}
		files = append(files, output.File{Path: name})
	}
	return output.Check("", files, force)
}

// Collisions refuses print files that are one file given twice, or the
// manifest of the output folder dir.
func (ps PrintSet) Collisions(dir string, n int) error {
	seen := map[string]string{}
	manifest, _ := filepath.Abs(filepath.Join(dir, ManifestName))
	for _, name := range ps.Names(n) {
		abs, err := filepath.Abs(name)
		if err != nil {
			return err
		}
		if other, dup := seen[abs]; dup {
			return fmt.Errorf("%s is named for two print files (%s and another); give each its own name", name, other)
		}
		seen[abs] = name
		if abs == manifest {
			return fmt.Errorf("%s is the batch's manifest; give the print file another name", name)
		}
	}
	return nil
}

// Made is one print file, with the number of letters in it.
type Made struct {
	Name    string
	Letters int
	Kept    bool // on disk already, left as it was (keep)
}

// Write makes the print files of plan, every volume on its own core. With
// keep, volumes already on disk are left as they are, so that running a
// finished batch again completes the set without remaking it.
//
// Write stops at the next file when ctx is cancelled; a print file is
// written whole (a temporary file renamed) or not at all.
func (ps PrintSet) Write(ctx context.Context, r *render.Renderer, c *casefile.Case, plan []letter.Letter, o Options, keep bool) ([]Made, error) {
	pfs := ps.files(o)
	if len(pfs) == 0 {
		return nil, nil
	}
	_, bounds := Volumes("x", len(plan), ps.Volume)
	made := make([][]Made, len(bounds))
	err := Parallel(len(bounds), func(v int) error {
		bd := bounds[v]
		var letters []doc.Letter
		var b bytes.Buffer
		for _, pf := range pfs {
			if err := ctx.Err(); err != nil {
				return err
			}
			names, _ := Volumes(pf.name, len(plan), ps.Volume)
			if err := output.SweepTemps(names[v]); err != nil {
				return err
			}
			if keep && exists(names[v]) {
				made[v] = append(made[v], Made{names[v], bd[1] - bd[0], true})
				continue
			}
			if letters == nil {
				var err error
				if letters, err = Letters(r, c, plan[bd[0]:bd[1]], o); err != nil {
					return err
				}
			}
			b.Reset()
			if err := pf.make(&b, letters); err != nil {
				return fmt.Errorf("%s %s: %w", pf.flag, names[v], err)
			}
			if err := output.WritePrivate(filepath.Dir(names[v]), output.File{Path: filepath.Base(names[v]), Data: b.Bytes()}); err != nil {
				return fmt.Errorf("%s: %w", names[v], err)
			}
			made[v] = append(made[v], Made{names[v], bd[1] - bd[0], false})
		}
		return nil
	})
	var out []Made
	for _, m := range made {
		out = append(out, m...)
	}
	return out, err
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
