package cli

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"appeal/internal/casefile"
	"appeal/internal/output"
	"appeal/internal/pdf"
	"appeal/internal/render"
)

// The built-in example of templates preview: a fictional case in every
// language that has templates, and its writer.
var (
	//go:embed preview/case.yaml
	exampleCase []byte
	//go:embed preview/sender.yaml
	exampleSender []byte
)

// previewDay is the sample day the preview dates letters with: a month
// whose name takes a case ending in Russian and Kazakh.
var previewDay = time.Date(2026, time.March, 14, 0, 0, 0, 0, time.UTC)

type previewOptions struct {
	*templatesOptions
	Case    string // a case file; empty: the built-in example
	Against string
	Format  string
	Out     string
	Sender  string
}

func newTemplatesPreviewCmd(e *env, topts *templatesOptions) *cobra.Command {
	opts := &previewOptions{templatesOptions: topts}
	cmd := &cobra.Command{
		Use:   "preview [CASE]",
		Short: "Set every piece of a translation beside the English one, for review",
		Long: `Render every piece of the --lang templates beside the same piece in the
--against language (English unless told), for a case: each subject,
opening and request wording, the lead-in, the body, and the fixed strings
of locale.yaml (date, salutations, closing, copy line, ...). A piece that
reads differently for a copy or embassy recipient, or without a writer,
gets a row for each. Each piece shows the note for translators and, when
the translation is stale or not stamped, a mark with the English then and
now. Without CASE, a built-in fictional example is used.

Text goes to standard output (or -o FILE); a PDF, two columns on A4
landscape, to -o FILE (default preview-<lang>.pdf).`,
		Example: `  appeal templates preview --lang ru
  appeal templates preview cases/ua-115-16.yaml --lang kk --against ru
  appeal templates preview --lang de --templates my-templates --format pdf -o de.pdf`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("preview takes at most one case file (got %d arguments)\nrun '%s --help' for usage", len(args), cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Case = args[0]
			}
			if !cmd.Flags().Changed("format") && strings.EqualFold(filepath.Ext(opts.Out), ".pdf") {
				opts.Format = "pdf"
			}
			return runTemplatesPreview(e, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "the translation to review (required)")
	_ = cmd.RegisterFlagCompletionFunc("lang", completeLang(e))
	cmd.Flags().StringVar(&opts.Against, "against", "en", "the language to set it beside")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "text or pdf")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to FILE (\"-\": standard output; default: standard output for text, preview-<lang>.pdf for pdf)")
	cmd.Flags().StringVar(&opts.Sender, "sender", "", "the writer of the \"with sender\" rows (default: the example's)")
	return cmd
}

func runTemplatesPreview(e *env, opts *previewOptions) error {
	if opts.Dir == "" {
		opts.Dir = e.Getenv("APPEAL_TEMPLATES")
	}
	format := strings.ToLower(opts.Format)
	if format != "text" && format != "pdf" {
		return usagef("unknown format %q (valid: text, pdf)", opts.Format)
	}
	if opts.Lang == "" {
		return usagef("preview needs --lang, the translation to review")
	}
	if opts.Lang == opts.Against {
		return usagef("--against %s is the language under review; set it beside another (the default is en)", opts.Against)
	}
	r, err := loadTemplates(e, opts.Dir)
	if err != nil {
		return err
	}
	for _, l := range []string{opts.Lang, opts.Against} {
		if !r.Has(l) {
			return usagef("no letter templates in %q; there are %s", l, strings.Join(r.Languages(), ", "))
		}
	}
	in := render.PreviewInput{Lang: opts.Lang, Against: opts.Against, Date: previewDay, CaseName: "built-in example"}
	if opts.Case == "" {
		if in.Case, err = casefile.Load("built-in example", bytes.NewReader(exampleCase)); err != nil {
			return err
		}
	} else {
		if in.Case, err = loadCase(e, opts.Case); err != nil {
			return err
		}
		in.CaseName = opts.Case
	}
	if opts.Sender != "" {
		if in.Sender, _, err = loadSender(e, opts.Sender); err != nil {
			return err
		}
	} else if in.Sender, err = casefile.LoadSender("built-in example sender", bytes.NewReader(exampleSender)); err != nil {
		return err
	}
	for _, l := range []string{opts.Lang, opts.Against} {
		if ps := append(in.Case.CheckLanguage(l), r.Check(in.Case, l)...); len(ps) > 0 {
			if opts.Case == "" {
				return usagef("the built-in example has no texts in %s: give a case file that has them (appeal templates preview CASE --lang %s)", l, opts.Lang)
			}
			return ps
		}
	}
	p, err := r.Preview(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "text" {
		err = render.WriteParallel(&buf, p)
	} else {
		created, terr := today(e)
		if terr != nil {
			return terr
		}
		if e.Getenv("SOURCE_DATE_EPOCH") == "" {
			created = time.Time{}
		}
		err = pdf.WriteParallel(&buf, p, created)
	}
	if err != nil {
		return err
	}
	out := opts.Out
	if out == "" && format == "pdf" {
		out = "preview-" + opts.Lang + ".pdf"
	}
	if out == "" || out == "-" {
		_, err := e.Out.Write(buf.Bytes())
		return err
	}
	// A preview is made again and again as a translation changes: an
	// earlier one is replaced, and said to be; any other file is kept.
	replaced := ""
	if fi, err := os.Stat(out); err == nil {
		if ext := strings.ToLower(filepath.Ext(out)); !fi.Mode().IsRegular() || ext != ".pdf" && ext != ".txt" {
			return usageError{fmt.Errorf("%w: %s; a preview replaces only an earlier .pdf or .txt preview: give another -o", output.ErrExists, out)}
		}
		replaced = ", replacing the earlier one"
	}
	if err := output.Write(filepath.Dir(out), output.File{Path: filepath.Base(out), Data: buf.Bytes()}); err != nil {
		return err
	}
	fmt.Fprintf(e.ErrOut, "wrote %s%s: %s beside %s, %d pieces\n", out, replaced, opts.Lang, opts.Against, len(p.Sections))
	return nil
}
