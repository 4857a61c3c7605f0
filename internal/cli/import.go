package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"appeal/internal/importer"
	"appeal/internal/output"
	"appeal/internal/render"
	"appeal/templates"
)

type importOptions struct {
	Source string // file, or "" / "-" for standard input
	Out    string // case file to write, or "" / "-" for standard output
	Force  bool
	Quiet  bool
}

func newImportCmd(e *env) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import [UA.txt|UA.pdf|-]",
		Short: "Make a draft case file from the text of an Urgent Action",
		Long: `Read the text of an Urgent Action (saved from an e-mail or a web page, or a
PDF) and write a DRAFT case file for a person to check: the reference,
title, prisoners, deadline, letter languages, action points and recipients
it recognises. Every value it is unsure of is marked "# check: <why>", the
texts to translate "# translate:", and lines it could not place are listed
at the end. Nothing is invented: what the text does not say stays empty.

The text may be UTF-8, UTF-16 with a byte order mark, or Windows-1252. A PDF
goes through pdftotext (poppler-utils). Without a file, or with -, the text
is read from standard input. The case file goes to standard output, or to
--out FILE (never over an existing file without --force); a summary goes to
standard error. See docs/import.md.`,
		Example: `  appeal import ua-115-16.txt -o cases/ua-115-16.yaml
  appeal import ua.pdf > draft.yaml
  xclip -o | appeal import - -o cases/new.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("%s takes one Urgent Action text (or - for standard input), got %d arguments\nrun '%s --help' for usage", cmd.Name(), len(args), cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Source = args[0]
			}
			return runImport(cmd.Context(), e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Out, "out", "o", "", "write the case file to this file (default: standard output)")
	f.BoolVar(&opts.Force, "force", false, "overwrite the --out file if it exists")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing but errors")
	_ = cmd.MarkFlagFilename("out", "yaml", "yml")
	return cmd
}

func runImport(ctx context.Context, e *env, opts *importOptions) error {
	toStdout := opts.Out == "" || opts.Out == "-"
	if !toStdout && !opts.Force {
		if _, err := os.Lstat(opts.Out); err == nil {
			return fmt.Errorf("%w: %s; use --force to overwrite it", output.ErrExists, opts.Out)
		}
	}
	name, path, label := "<stdin>", "", ""
	in := e.In
	if opts.Source != "" && opts.Source != "-" {
		f, err := openSource(opts.Source)
		if err != nil {
			return err
		}
		defer f.Close()
		name, path, label, in = opts.Source, opts.Source, filepath.Base(opts.Source), f
	}
	if in == nil {
		in = strings.NewReader("")
	}
	text, warnings, err := importer.Read(name, path, in)
	if err != nil {
		return err
	}
	res, err := importer.Import(text, importer.Options{Name: label})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted: write no draft
	}
	if toStdout {
		_, err = e.Out.Write(res.YAML)
	} else {
		err = output.Write(filepath.Dir(opts.Out), output.File{Path: filepath.Base(opts.Out), Data: res.YAML})
		err = wrapf(err, "writing %s", opts.Out)
	}
	if err != nil || opts.Quiet {
		return err
	}
	reportImport(e, opts, res, append(warnings, templateWarning(res.Languages, res.Lang)), toStdout)
	return nil
}

// openSource opens the Urgent Action's file.
func openSource(path string) (*os.File, error) {
	f, err := openInput(path, "Urgent Action's text file")
	if err != nil {
		return nil, openError(path, err)
	}
	return f, nil
}

// reportImport says what the draft holds and what to do next.
func reportImport(e *env, opts *importOptions, res *importer.Result, warnings []string, toStdout bool) {
	for _, w := range warnings {
		if w != "" {
			fmt.Fprintln(e.ErrOut, "warning: "+w)
		}
	}
	summary := fmt.Sprintf("found %s, %s, %s; %s to check (# check:)",
		plural(res.Prisoners, "prisoner", "prisoners"), plural(res.Demands, "demand", "demands"),
		plural(res.Recipients, "recipient", "recipients"), plural(res.Checks, "value", "values"))
	if res.Unplaced > 0 {
		summary += fmt.Sprintf("; %s not placed (listed at the end)", plural(res.Unplaced, "line", "lines"))
	}
	fmt.Fprintln(e.ErrOut, summary)
	if !toStdout {
		fmt.Fprintf(e.ErrOut, "wrote the draft to %s; check it, then run 'appeal validate %s'\n", opts.Out, opts.Out)
	}
}

func wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// templateWarning says when none of the case's languages can be written
// yet: the texts are in a language appeal has no templates for.
func templateWarning(langs []string, source string) string {
	r, err := render.New(templates.FS)
	if err != nil {
		return ""
	}
	if r.Has(source) {
		return ""
	}
	var can []string
	for _, l := range langs {
		if r.Has(l) {
			can = append(can, l)
		}
	}
	if len(can) > 0 {
		return fmt.Sprintf("the texts are in %s, which appeal has no letter templates for; translate them into %s to write letters", source, strings.Join(can, ", "))
	}
	return fmt.Sprintf("the texts are in %s, which appeal has no letter templates for; add texts in one of %s and list it in languages to write letters", source, strings.Join(r.Languages(), ", "))
}
