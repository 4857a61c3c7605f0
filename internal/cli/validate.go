package cli

import (
	"appeal/internal/input"
	"appeal/internal/letter"
	"appeal/internal/pdf"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

type validateOptions struct {
	Case string
	Lang string // check this language only
	Font string // fallback font file
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
	fontFlag(cmd, &opts.Font)
	_ = cmd.RegisterFlagCompletionFunc("lang", completeLang(e))
	return cmd
}

func runValidate(e *env, opts *validateOptions) error {
	if err := useFonts(e, opts.Font); err != nil {
		return err
	}
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
	r, err := newRenderer(e)
	if err != nil {
		return err
	}
	// Texts are required in the languages appeal writes; a language it has
	// no templates for (Spanish, say) is only noted.
	var langs, unwritten []string
	for _, l := range c.Mentioned() {
		if _, _, ok := letter.Match(r.Languages(), l); ok {
			langs = append(langs, l)
		} else {
			unwritten = append(unwritten, l)
		}
	}
	if opts.Lang != "" {
		if _, _, ok := letter.Match(r.Languages(), opts.Lang); !ok {
			return usagef("no letter templates in %q; appeal writes %s", opts.Lang, strings.Join(r.Languages(), ", "))
		}
		langs, unwritten = []string{opts.Lang}, nil
	}
	if len(unwritten) > 0 {
		fmt.Fprintf(e.ErrOut, "note: appeal has no letter templates in %s, so its texts there are not checked; letters can be written in %s\n",
			strings.Join(unwritten, ", "), strings.Join(r.Languages(), ", "))
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
