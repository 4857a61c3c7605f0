package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"appeal/internal/batch"
	"appeal/internal/casefile"
	"appeal/internal/doc"
	"appeal/internal/letter"
	"appeal/internal/output"
	"appeal/internal/pdf"
	"appeal/internal/render"
)

// printFile is one of the files for the printer, cut into volumes.
type printFile struct {
	flag, name string
	make       func(b *bytes.Buffer, letters []doc.Letter) error
}

func printFiles(opts *generateOptions, bo batch.Options, env pdf.Envelope) []printFile {
	var out []printFile
	if opts.Combined != "" {
		out = append(out, printFile{"--combined", opts.Combined, func(b *bytes.Buffer, ls []doc.Letter) error {
			_, err := pdf.Write(b, pdf.Options{Paper: bo.Paper, Created: bo.Date, Duplex: opts.Duplex}, ls...)
			return err
		}})
	}
	if opts.Envelopes != "" {
		out = append(out, printFile{"--envelopes", opts.Envelopes, func(b *bytes.Buffer, ls []doc.Letter) error {
			return pdf.Envelopes(b, env, bo.Date, mailings(ls)...)
		}})
	}
	if opts.Labels != "" {
		out = append(out, printFile{"--labels", opts.Labels, func(b *bytes.Buffer, ls []doc.Letter) error {
			return pdf.Labels(b, bo.Date, 0, mailings(ls)...)
		}})
	}
	return out
}

func mailings(ls []doc.Letter) []pdf.Mailing {
	ms := make([]pdf.Mailing, len(ls))
	for i, l := range ls {
		ms[i] = pdf.Mailing{To: l.Recipient, From: l.ReturnAddress}
	}
	return ms
}

// checkPrintFiles refuses to overwrite print files without --force,
// before anything is written.
func checkPrintFiles(opts *generateOptions, n int) error {
	var files []output.File
	for _, pf := range printFiles(opts, batch.Options{}, pdf.DL) {
		names, _ := batch.Volumes(pf.name, n, opts.Volume)
		for _, name := range names {
			files = append(files, output.File{Path: name})
		}
	}
	return output.Check("", files, opts.Force)
}

// writePrintFiles writes the combined letters, envelopes and labels, all
// in the order of plan (grouped by writer), in volumes of --volume
// letters, so that letter n goes into envelope n. With keep, volumes
// already on disk are left as they are.
func writePrintFiles(e *env, opts *generateOptions, r *render.Renderer, c *casefile.Case, plan []letter.Letter, bo batch.Options, keep bool) error {
	env, err := pdf.ParseEnvelope(opts.Envelope)
	if err != nil {
		return usageError{fmt.Errorf("--envelope: %w", err)}
	}
	pfs := printFiles(opts, bo, env)
	if len(pfs) == 0 {
		return nil
	}
	_, bounds := batch.Volumes("x", len(plan), opts.Volume)
	said := make([][]string, len(bounds))
	err = batch.Parallel(len(bounds), func(v int) error {
		bd := bounds[v]
		var letters []doc.Letter
		var b bytes.Buffer
		for _, pf := range pfs {
			names, _ := batch.Volumes(pf.name, len(plan), opts.Volume)
			if keep && exists(names[v]) {
				continue
			}
			if letters == nil {
				var err error
				if letters, err = batch.Letters(r, c, plan[bd[0]:bd[1]], bo); err != nil {
					return err
				}
			}
			b.Reset()
			if err := pf.make(&b, letters); err != nil {
				return fmt.Errorf("%s %s: %w", pf.flag, names[v], err)
			}
			if err := output.Write(filepath.Dir(names[v]), output.File{Path: filepath.Base(names[v]), Data: b.Bytes()}); err != nil {
				return fmt.Errorf("%s: %w", names[v], err)
			}
			said[v] = append(said[v], fmt.Sprintf("wrote %s (%s)", names[v], plural(bd[1]-bd[0], "letter", "letters")))
		}
		return nil
	})
	if !opts.Quiet {
		for _, lines := range said {
			for _, s := range lines {
				fmt.Fprintln(e.ErrOut, s)
			}
		}
	}
	return err
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
