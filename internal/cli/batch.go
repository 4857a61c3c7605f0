package cli

import (
	"appeal/internal/input"
	"appeal/internal/pdf"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"appeal/internal/batch"
	"appeal/internal/casefile"
	"appeal/internal/letter"
	"appeal/internal/render"
	"appeal/internal/writers"
)

// runBatch writes one letter per writer and recipient, restartably, then
// the print files.
func runBatch(ctx context.Context, e *env, opts *generateOptions, c *casefile.Case, r *render.Renderer, selected []int, bo batch.Options, ps batch.PrintSet) error {
	start := time.Now()
	ws, err := loadWriters(e, opts, c, r)
	if err != nil {
		return err
	}
	plan := letter.PlanBatch(c, selected, ws)
	if err := ps.Collisions(opts.Out, len(plan)); err != nil {
		return usageError{err}
	}
	senders := make([]*casefile.Sender, len(ws))
	for i, w := range ws {
		senders[i] = w.Sender
	}
	for _, n := range embassyNotes(c, selected, senders) {
		say(e, opts, "note: %s", n)
	}
	if len(plan) == 0 {
		return usagef("no letters to write for these writers and recipients")
	}
	if bo.Mail {
		var notes []string
		if plan, notes, err = mailable(plan, nil); err != nil {
			return err
		}
		for _, n := range notes {
			say(e, opts, "note: %s", n)
		}
	}
	if opts.NoFiles {
		if err := ps.Check(opts.Out, len(plan), opts.Force); err != nil {
			return err
		}
		if _, err := writePrintSet(ctx, e, opts, ps, r, c, plan, bo, false); err != nil {
			return err
		}
		say(e, opts, "made the print files of %s in %.1f s\n%s", plural(len(plan), "letter", "letters"), time.Since(start).Seconds(), languageSummary(plan))
		return nil
	}
	unlock, err := batch.Lock(opts.Out, "appeal "+strings.Join(e.Args, " "))
	if err != nil {
		return err
	}
	defer unlock()
	pending, err := batch.Check(r, c, plan, bo)
	if err != nil {
		return err
	}
	if n := len(pending.Strays); n > 0 {
		say(e, opts, "note: %s in %s from writers no longer in %s (first: %s); kept: delete them if those writers dropped out",
			plural(n, "letter is", "letters are"), filepath.Clean(opts.Out), displayName(opts.Writers), pending.Strays[0])
	}
	// Print files made from letters that are all done already are kept:
	// only missing volumes are made, so the same command run again after
	// it finished, or after it was stopped while making them, completes
	// the set. New letters make new print files, which must not overwrite
	// old ones unless --force.
	complete := pending.Left() == 0 && !opts.Force
	if !complete {
		if err := ps.Check(opts.Out, len(plan), opts.Force); err != nil {
			return err
		}
	}
	res, err := runPending(ctx, e, opts, r, c, pending, bo, len(plan))
	if err != nil {
		return err
	}
	printed, err := writePrintSet(ctx, e, opts, ps, r, c, plan, bo, complete)
	if err != nil {
		return err
	}
	reportBatch(e, opts, res, plan, printed, time.Since(start))
	return nil
}

// runPending writes the letters left, with a progress bar on a terminal.
func runPending(ctx context.Context, e *env, opts *generateOptions, r *render.Renderer, c *casefile.Case, pending *batch.Pending, bo batch.Options, total int) (batch.Result, error) {
	var bar *progressbar.ProgressBar
	if !opts.Quiet && isTerminal(e.ErrOut) {
		bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(e.ErrOut),
			progressbar.OptionSetDescription("letters"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("letters"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionEnableColorCodes(false), // no colour at all, so NO_COLOR holds
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		bo.Progress = func(done, _ int) { bar.Set(done) }
	}
	res, err := pending.Run(ctx, r, c, bo)
	if bar != nil {
		bar.Finish()
	}
	if errors.Is(err, context.Canceled) {
		return res, fmt.Errorf("interrupted after %d letters; run the same command again to finish the rest", res.Done+res.Written)
	}
	return res, err
}

// reportBatch says what a batch run did.
func reportBatch(e *env, opts *generateOptions, res batch.Result, plan []letter.Letter, printed int, took time.Duration) {
	if opts.Quiet {
		return
	}
	if n := len(res.Long); n > 0 {
		fmt.Fprintf(e.ErrOut, "warning: %s more than one page (first: %s); an appeal should fit on one page: shorten the case's facts or the writers' notes\n",
			plural(n, "letter takes", "letters take"), res.Long[0])
	}
	dir := filepath.Clean(opts.Out) + string(filepath.Separator)
	if res.Written == 0 && printed > 0 {
		fmt.Fprintf(e.ErrOut, "the %s were already written to %s; made the missing print files\n", plural(res.Done, "letter", "letters"), dir)
		return
	}
	if res.Written == 0 {
		fmt.Fprintf(e.ErrOut, "nothing to do: the %s were already written to %s\n", plural(res.Done, "letter", "letters"), dir)
		return
	}
	msg := fmt.Sprintf("wrote %s", plural(res.Written, "letter", "letters"))
	if n := len(res.Languages); n > 0 {
		msg += fmt.Sprintf(" (%s)", plural(n, "language", "languages"))
	}
	msg += fmt.Sprintf(" to %s in %.1f s", dir, took.Seconds())
	if res.Done > 0 {
		msg += fmt.Sprintf("; %d already done", res.Done)
	}
	fmt.Fprintln(e.ErrOut, msg)
	fmt.Fprintln(e.ErrOut, languageSummary(plan))
}

func say(e *env, opts *generateOptions, format string, args ...any) {
	if !opts.Quiet {
		fmt.Fprintf(e.ErrOut, format+"\n", args...)
	}
}

// languageSummary says how the letters' languages were chosen:
// "languages: 12 letters in the writer's language (ru 12), 20 in English".
func languageSummary(plan []letter.Letter) string {
	type count struct {
		n     int
		langs map[string]int
	}
	var by [4]count
	for _, l := range plan {
		c := &by[l.Rule]
		c.n++
		if c.langs == nil {
			c.langs = map[string]int{}
		}
		c.langs[l.Lang]++
	}
	var parts []string
	for rule, c := range by {
		if c.n == 0 {
			continue
		}
		s := fmt.Sprintf("%s %s", plural(c.n, "letter", "letters"), letter.Rule(rule))
		if rule != int(letter.ByEnglish) {
			var ls []string
			for _, l := range slices.Sorted(maps.Keys(c.langs)) {
				ls = append(ls, fmt.Sprintf("%s %d", l, c.langs[l]))
			}
			s += " (" + strings.Join(ls, ", ") + ")"
		}
		parts = append(parts, s)
	}
	return "languages: " + strings.Join(parts, ", ")
}

// loadWriters reads the writers file and resolves each writer's language
// (letter.ChooseLanguage: --lang, the row's own, the writer's country's,
// English) and checks each note's script. Rows with problems stop the run
// unless --skip-invalid, which reports and leaves them out.
func loadWriters(e *env, opts *generateOptions, c *casefile.Case, r *render.Renderer) ([]letter.Writer, error) {
	var (
		f   *writers.File
		err error
	)
	name := opts.Writers
	if name == "-" {
		f, err = writers.Load("<stdin>", e.In)
	} else {
		fh, oerr := openInput(name, "writers file (.csv, .yaml or .json)")
		if oerr != nil {
			return nil, openError(name, oerr)
		}
		f, err = writers.Load(name, fh)
		fh.Close()
	}
	var ps input.Problems
	if err != nil && (f == nil || !errors.As(err, &ps)) {
		return nil, err
	}
	if !opts.Quiet {
		for _, w := range f.Warnings {
			fmt.Fprintln(e.ErrOut, "warning: "+w)
		}
	}
	if opts.Lang != "" {
		// --lang is every writer's language: it must be one the case offers.
		if _, err := chooseLanguage(r, c, nil, opts.Lang); err != nil {
			return nil, err
		}
	}
	printable := f.Writers[:0:0]
	others := map[string]int{} // writers who wrote for other cases (serve --collect of an evening with several)
	for _, w := range f.Writers {
		if w.Case != "" && w.Case != c.Reference {
			others[w.Case]++
			continue
		}
		bad := unprintableWriter(displayName(name), w)
		ps = append(ps, bad...)
		if len(bad) == 0 {
			printable = append(printable, w)
		}
	}
	if len(others) > 0 && !opts.Quiet {
		n := 0
		for _, k := range others {
			n += k
		}
		fmt.Fprintf(e.ErrOut, "note: left out %s of %s, who wrote for %s\n", plural(n, "writer", "writers"), displayName(name), strings.Join(slices.Sorted(maps.Keys(others)), ", "))
	}
	out, more := letter.Writers(c, writable(r, c.Offered()), opts.Lang, displayName(name), printable)
	ps = append(ps, more...)
	if len(ps) > 0 {
		ps.Sort()
		if !opts.SkipInvalid {
			return nil, append(ps, input.Problem{File: displayName(name), Msg: fmt.Sprintf("nothing written; fix the rows, or use --skip-invalid to write the letters of the other %d writers", len(out))})
		}
		if !opts.Quiet {
			fmt.Fprintf(e.ErrOut, "warning: skipping %s:\n%s\n", plural(len(ps), "row", "rows"), ps.Error())
		}
	}
	if len(out) == 0 {
		return nil, input.Problems{{File: displayName(name), Msg: "no writers to write letters for"}}
	}
	return out, nil
}

// unprintableWriter reports the fields of a writer's row with characters
// no letter can print (see pdf.Unprintable).
func unprintableWriter(file string, w writers.Writer) input.Problems {
	var ps input.Problems
	check := func(field, text string) {
		if rs := pdf.Unprintable(text); len(rs) > 0 {
			ps = append(ps, input.Problem{File: file, Line: w.Line, Path: field, Msg: input.Unprintable(text, rs)})
		}
	}
	w.Sender.Printed(check)
	check("note", w.Note)
	return ps
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// writable lists the languages of offered that appeal has templates for.
func writable(r *render.Renderer, offered []string) []string {
	var out []string
	for _, l := range offered {
		if r.Has(l) {
			out = append(out, l)
		}
	}
	return out
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
