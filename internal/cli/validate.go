package cli

import (
	"appeal/internal/input"
	"appeal/internal/pdf"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"appeal/internal/render"
	"appeal/templates"
)

type validateOptions struct {
	Case string
	Lang string // check this language only
}

func newValidateCmd(e *env) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate CASE.yaml",
		Short: "Check a case file and list every problem",
		Long: `Check a case file: its fields, and that every text a letter prints is
given in each language the case uses. Every problem is listed, one per line,
as FILE:LINE: FIELD: message. Exit status 2 when there is any.`,
		Example: "  appeal validate cases/ua-115-16.yaml\n  appeal validate --lang kk cases/ua-115-16.yaml",
		Args:    exactArgs(1, "one case file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Case = args[0]
			return runValidate(e, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "check only this letter language")
	return cmd
}

func runValidate(e *env, opts *validateOptions) error {
	if opts.Lang != "" {
		if err := checkTag(opts.Lang); err != nil {
			return err
		}
	}
	c, err := loadCase(e, opts.Case)
	var ps input.Problems
	if err != nil {
		if c == nil || !errors.As(err, &ps) {
			return err
		}
	}
	langs := c.Mentioned()
	if opts.Lang != "" {
		langs = []string{opts.Lang}
	}
	r, err := render.New(templates.FS)
	if err != nil {
		return err
	}
	reported := ps
	for _, l := range langs {
		for _, p := range append(c.CheckLanguage(l), r.Check(c, l)...) {
			if !reported.Under(p.Path) && !slices.Contains(ps, p) {
				ps = append(ps, p)
			}
		}
	}
	for _, l := range langs {
		for i, rc := range c.Recipients {
			if err := pdf.FitsWindow(pdf.A4, r.Address(rc, l), "x"); errors.Is(err, pdf.ErrAddressTooLong) {
				if p := c.Problem(fmt.Sprintf("recipients[%d].address", i), "%v (in %s letters)", err, l); !slices.Contains(ps, p) {
					ps = append(ps, p)
				}
			}
		}
	}
	for _, p := range c.Unchecked() {
		fmt.Fprintf(e.ErrOut, "warning: %s\n", p)
	}
	if len(ps) > 0 {
		ps.Sort()
		return input.All{Problems: ps}
	}
	fmt.Fprintf(e.Out, "%s: ok: %s, %s, %s, %s; letters in %s\n", c.File(), c.Reference,
		plural(len(c.Prisoners), "prisoner", "prisoners"), plural(len(c.Demands), "demand", "demands"),
		plural(len(c.Recipients), "recipient", "recipients"), strings.Join(langs, ", "))
	if n := len(c.Unchecked()); n > 0 {
		fmt.Fprintf(e.ErrOut, "warning: %s: %s still marked # check: by appeal import; check them and delete the marks\n", c.File(), plural(n, "value", "values"))
	}
	return nil
}
