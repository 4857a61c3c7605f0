package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"appeal/internal/casefile"
	"appeal/internal/input"
	"appeal/internal/render"
)

func newCasesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "cases [DIR]",
		Short: "List the cases in a folder, with their deadlines",
		Long: `List the case files in DIR (default: cases): reference, deadline and the
days left to it, the languages the recipients read, and the title. A case
file with a problem is named with it; the others are listed all the same.`,
		Example: "  appeal cases\n  appeal cases ~/urgent-actions",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "cases"
			if len(args) == 1 {
				dir = args[0]
			}
			return runCases(e, dir)
		},
	}
}

func runCases(e *env, dir string) error {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usagef("%s: not a folder of case files; give one: appeal cases DIR", dir)
	}
	date, err := today(e)
	if err != nil {
		return err
	}
	cases, loadErr := casefile.LoadDir(dir)
	if len(cases) == 0 && loadErr == nil {
		fmt.Fprintf(e.ErrOut, "no case files (*.yaml) in %s\n", dir)
		return nil
	}
	tw := tabwriter.NewWriter(e.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REFERENCE\tDEADLINE\tDAYS LEFT\tLANGUAGES\tTITLE\tFILE")
	for _, c := range cases {
		deadline, left := "-", "no deadline"
		if days, ok := c.DaysLeft(date); ok {
			deadline, left = c.Deadline.Format("2006-01-02"), daysLeft(days)
		}
		langs := strings.Join(c.Languages, " ")
		if c.OwnLanguage {
			langs += " + writer's own"
		}
		title, ok := c.Title.In("en")
		if !ok {
			for _, l := range c.Mentioned() {
				if title, ok = c.Title.In(l); ok {
					break
				}
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Reference, deadline, left, langs, render.OneLine(title), c.File())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if loadErr != nil {
		var ps input.Problems
		if errors.As(loadErr, &ps) {
			return loadErr
		}
		return usageError{loadErr}
	}
	return nil
}

// daysLeft says how far a deadline is: "12 days left", "today", "passed
// 3 days ago".
func daysLeft(days int) string {
	switch {
	case days == 0:
		return "today"
	case days > 0:
		return plural(days, "day left", "days left")
	default:
		return "passed " + plural(-days, "day ago", "days ago")
	}
}
