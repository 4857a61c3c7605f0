package cli

import (
	"appeal/internal/input"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"appeal/internal/batch"
	"appeal/internal/casefile"
	"appeal/internal/letter"
	"appeal/internal/pdf"
	"appeal/internal/render"
)

type generateOptions struct {
	Case   string
	Lang   string
	Format string // pdf, text, eml or mailto
	// AttachPDF adds the PDF letter to each e-mail draft (--format eml).
	AttachPDF bool
	Out       string // directory, or - for stdout (text only)
	To        []string
	Sender    string
	Paper     string
	Date      string
	Force     bool
	Quiet     bool

	// Batches and print files.
	Writers     string // writers file: one letter per writer and recipient
	SkipInvalid bool
	SameText    bool
	Combined    string // one PDF of every letter, for the printer
	Duplex      bool
	Envelopes   string
	Envelope    string // dl or c5
	Labels      string
	Volume      int  // letters per print file
	NoFiles     bool // only the print files, no file per letter

	Font string // fallback font file
}

func newGenerateCmd(e *env) *cobra.Command {
	opts := &generateOptions{}
	cmd := &cobra.Command{
		Use:   "generate CASE.yaml",
		Short: "Write one letter per recipient, as PDF or text",
		Long: `Write one letter per recipient of the case, in one language, as PDF (A4 or
US Letter, address placed for a window envelope) or as plain text.

Files go to OUT/<case>/<lang>/<NN>-<recipient>.pdf|txt. Existing files are
never overwritten without --force. The writer's name and address come from
--sender, else from sender.yaml in the config folder ($APPEAL_CONFIG_DIR,
else $XDG_CONFIG_HOME/appeal, else ~/.config/appeal); without one the
letters get a blank sender block to fill in by hand.

With --writers, one letter per writer and recipient, each in the writer's
language, as OUT/<case>/<lang>/<writer>-<id>--<NN>-<recipient>.pdf, listed in
OUT/manifest.csv; the same command run again finishes an interrupted batch.
--combined, --envelopes and --labels make the print set in stuffing order.`,
		Example: `  appeal generate cases/ua-115-16.yaml --lang kk
  appeal generate cases/ua-115-16.yaml --lang ru --sender me.yaml --to prosecutor-general
  appeal generate cases/ua-115-16.yaml --lang en --format text --out -
  appeal generate cases/ua-115-16.yaml --writers examples/writers.csv --combined out/print.pdf --envelopes out/envelopes.pdf`,
		Args: exactArgs(1, "one case file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Case = args[0]
			return runGenerate(cmd.Context(), e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Lang, "lang", "l", "", "letter language, e.g. ru or en-US (default: the writer's language, else their country's, else English)")
	f.StringVarP(&opts.Format, "format", "f", "pdf", "output format: pdf, text, eml (e-mail drafts) or mailto (links)")
	f.BoolVar(&opts.AttachPDF, "attach-pdf", false, "with --format eml: attach the PDF letter to each draft")
	f.StringVarP(&opts.Out, "out", "o", "out", "output folder, or - to print text letters to standard output")
	f.StringSliceVar(&opts.To, "to", nil, "recipients to write to: ids or roles (to, copy, embassy), comma-separated (default all)")
	f.StringVar(&opts.Sender, "sender", "", "YAML file with your name and address")
	f.StringVar(&opts.Paper, "paper", "a4", "paper size for PDF: a4 or letter")
	f.StringVar(&opts.Date, "date", "", "date of the letters, YYYY-MM-DD (default today)")
	f.BoolVar(&opts.Force, "force", false, "overwrite existing files")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing but errors")
	f.StringVarP(&opts.Writers, "writers", "w", "", "writers file (.csv, .yaml or .json): one letter per writer and recipient")
	f.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "with --writers: leave out rows with problems and write the rest")
	f.BoolVar(&opts.SameText, "same-text", false, "give every letter the same wording (no alternative wordings)")
	f.StringVar(&opts.Combined, "combined", "", "also write every letter into this one PDF, each on a new sheet, for printing")
	f.BoolVar(&opts.Duplex, "duplex", false, "with --combined: start every letter on an odd page, for double-sided printing")
	f.StringVar(&opts.Envelopes, "envelopes", "", "also write a PDF of envelopes, in the order of --combined")
	f.StringVar(&opts.Envelope, "envelope", "dl", "envelope size for --envelopes: dl or c5")
	f.StringVar(&opts.Labels, "labels", "", "also write a PDF of A4 address labels (3 x 7, 70 x 42.3 mm), in the order of --combined")
	f.IntVar(&opts.Volume, "volume", 1000, "letters per print file; more make name-001.pdf, name-002.pdf, ...")
	f.BoolVar(&opts.NoFiles, "no-files", false, "with --writers: write only the print files (--combined, --envelopes, --labels), not a file per letter")
	fontFlag(cmd, &opts.Font)
	for _, name := range []string{"combined", "envelopes", "labels"} {
		_ = cmd.MarkFlagFilename(name, "pdf")
	}
	_ = cmd.MarkFlagFilename("writers", "csv", "yaml", "yml", "json")
	_ = cmd.RegisterFlagCompletionFunc("envelope", cobra.FixedCompletions([]string{"dl", "c5"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("sender", "yaml", "yml")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"pdf", "text", "eml", "mailto"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions([]string{"a4", "letter"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("lang", completeLang(e))
	_ = cmd.RegisterFlagCompletionFunc("to", func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		c, err := loadCase(e, args[0])
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		out := []string{casefile.RoleTo, casefile.RoleCopy, casefile.RoleEmbassy}
		for _, r := range c.Recipients {
			out = append(out, r.ID)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runGenerate(ctx context.Context, e *env, opts *generateOptions) error {
	if err := useFonts(e, opts.Font); err != nil {
		return err
	}
	bo, ps, err := opts.options(e)
	if err != nil {
		return err
	}
	c, err := loadCase(e, opts.Case)
	if err != nil {
		return err
	}
	r, err := newRenderer(e)
	if err != nil {
		return err
	}
	selected, err := letter.Select(c, opts.To)
	if err != nil {
		return usageError{err}
	}
	if opts.Writers != "" {
		err = runBatch(ctx, e, opts, c, r, selected, bo, ps)
	} else {
		err = runSingle(ctx, e, opts, c, r, selected, bo, ps)
	}
	if err == nil {
		printWarnings(e, opts, deadlineWarning(c, bo.Date))
		if n := len(c.Unchecked()); n > 0 {
			printWarnings(e, opts, fmt.Sprintf("%s: %s still marked # check: by appeal import (first on line %d); check them before sending, and delete the marks",
				c.File(), plural(n, "value is", "values are"), c.Unchecked()[0].Line))
		}
	}
	return err
}

// options checks the flags, and how they combine, before anything is read.
func (opts *generateOptions) options(e *env) (batch.Options, batch.PrintSet, error) {
	var bo batch.Options
	switch opts.Format {
	case "pdf":
	case "text", "txt":
		bo.Text = true
	case "eml", "mailto":
		bo.Mail = true
	default:
		return bo, batch.PrintSet{}, usagef("--format %q: use pdf, text, eml or mailto", opts.Format)
	}
	paper, err := pdf.ParsePaper(opts.Paper)
	if err != nil {
		return bo, batch.PrintSet{}, usageError{fmt.Errorf("--paper: %w", err)}
	}
	env, err := pdf.ParseEnvelope(opts.Envelope)
	if err != nil {
		return bo, batch.PrintSet{}, usageError{fmt.Errorf("--envelope: %w", err)}
	}
	ps := batch.PrintSet{Combined: opts.Combined, Duplex: opts.Duplex, Envelopes: opts.Envelopes, Envelope: env, Labels: opts.Labels, Volume: opts.Volume}
	if err := opts.checkMail(ps); err != nil {
		return bo, ps, err
	}
	if err := opts.checkCombinations(bo.Text || opts.Format == "mailto", ps); err != nil {
		return bo, ps, err
	}
	date, err := today(e)
	if opts.Date != "" {
		date, err = casefile.ParseDate(opts.Date)
		err = wrapUsage("--date", err)
	}
	bo = batch.Options{Dir: opts.Out, Text: bo.Text, Mail: bo.Mail, AttachPDF: opts.AttachPDF, Paper: paper, Date: date, SameText: opts.SameText, Force: opts.Force}
	return bo, ps, err
}

// checkCombinations refuses flags that do not go together.
func (opts *generateOptions) checkCombinations(text bool, ps batch.PrintSet) error {
	switch {
	case opts.Out == "-" && !text:
		what := "PDFs"
		if opts.Format == "eml" {
			what = "e-mail drafts"
		}
		return usagef("--out - prints to standard output, which takes --format text; give a folder for %s", what)
	case opts.Case == "-" && opts.Writers == "-":
		return usagef("the case and the writers cannot both come from standard input")
	case opts.Out == "-" && opts.Writers != "":
		return usagef("--writers writes files; give a folder with --out")
	case opts.Sender != "" && opts.Writers != "":
		return usagef("--sender and --writers: the writers file names the writers")
	case opts.Volume < 1:
		return usagef("--volume %d: give a number of letters, 1 or more", opts.Volume)
	case opts.Duplex && opts.Combined == "":
		return usagef("--duplex goes with --combined")
	case opts.NoFiles && (opts.Writers == "" || ps.Empty()):
		return usagef("--no-files goes with --writers and at least one of --combined, --envelopes, --labels")
	case opts.Lang != "":
		return checkTag(opts.Lang)
	}
	return nil
}

func wrapUsage(flag string, err error) error {
	if err == nil {
		return nil
	}
	return usageError{fmt.Errorf("%s: %w", flag, err)}
}

// runSingle writes one writer's letters (or the blank-sender letters), all
// or nothing, then the print files.
func runSingle(ctx context.Context, e *env, opts *generateOptions, c *casefile.Case, r *render.Renderer, selected []int, bo batch.Options, ps batch.PrintSet) error {
	sender, _, err := loadSender(e, opts.Sender)
	if err != nil {
		return err
	}
	lang, err := chooseLanguage(r, c, sender, opts.Lang)
	if err != nil {
		return err
	}
	plan := letter.Plan(c, selected, sender, lang)
	warnings := embassyNotes(c, selected, []*casefile.Sender{sender})
	if len(plan) == 0 {
		return usagef("no letters to write: %s", strings.Join(warnings, "; "))
	}
	if bo.Mail {
		var err error
		if plan, warnings, err = mailable(plan, warnings); err != nil {
			return err
		}
		if opts.Format == "mailto" {
			return printMailto(e, opts, r, c, plan, bo, warnings)
		}
	}
	if sender == nil {
		blank := "the letters have a blank sender block to fill in by hand"
		if bo.Mail {
			blank = "the drafts have no From and are signed with placeholders ([Your name], …): replace them before sending"
		}
		warnings = append(warnings, "no sender given (--sender or "+senderConfigPath(e)+"): "+blank)
	}
	if opts.Out == "-" {
		if err := batch.WriteText(ctx, e.Out, r, c, plan, bo); err != nil {
			return err
		}
		printWarnings(e, opts, warnings...)
		return nil
	}
	if err := ps.Check(opts.Out, len(plan), opts.Force); err != nil {
		return err
	}
	unlock, err := batch.Lock(opts.Out, "appeal "+strings.Join(e.Args, " "))
	if err != nil {
		return err
	}
	defer unlock()
	w, err := batch.WriteAll(ctx, r, c, plan, bo)
	if err != nil {
		return err
	}
	for _, f := range w.Long {
		warnings = append(warnings, filepath.Join(opts.Out, f)+" takes more than one page; an appeal should fit on one page: shorten the case's facts")
	}
	printWarnings(e, opts, warnings...)
	if !opts.Quiet {
		fmt.Fprintf(e.ErrOut, "wrote %s to %s\n", letterNoun(bo, len(w.Files)), filepath.Join(opts.Out, filepath.Dir(w.Files[0]))+string(filepath.Separator))
	}
	_, err = writePrintSet(ctx, e, opts, ps, r, c, plan, bo, false)
	return err
}

// writePrintSet makes the print files and says what it wrote; it returns
// how many files it wrote.
func writePrintSet(ctx context.Context, e *env, opts *generateOptions, ps batch.PrintSet, r *render.Renderer, c *casefile.Case, plan []letter.Letter, bo batch.Options, keep bool) (int, error) {
	made, err := ps.Write(ctx, r, c, plan, bo, keep)
	wrote := 0
	var kept []string
	for _, m := range made {
		if m.Kept {
			kept = append(kept, m.Name)
			continue
		}
		say(e, opts, "wrote %s (%s)", m.Name, plural(m.Letters, "letter", "letters"))
		wrote++
	}
	if len(kept) > 0 {
		say(e, opts, "kept %s: made by an earlier run of these letters; add --force to make it again (with other print options, say)", strings.Join(kept, ", "))
	}
	return wrote, err
}

// embassyNotes says which selected embassies take no letter from some of
// the writers, and why (see letter.Serves).
func embassyNotes(c *casefile.Case, selected []int, ws []*casefile.Sender) []string {
	var notes []string
	for _, i := range selected {
		r := c.Recipients[i]
		n := 0
		for _, w := range ws {
			if !letter.Serves(r, w) {
				n++
			}
		}
		switch {
		case n == 0:
		case len(ws) == 1:
			notes = append(notes, fmt.Sprintf("no letter to %s: an embassy takes letters from writers in its own country (%s), and asks them to pass it on to their authorities", r.ID, r.Country))
		default:
			notes = append(notes, fmt.Sprintf("%s of %d writers write no letter to %s: an embassy takes letters from writers in its own country (%s)", fmt.Sprint(n), len(ws), r.ID, r.Country))
		}
	}
	return notes
}

func deadlineWarning(c *casefile.Case, date time.Time) string {
	if d := c.Deadline.Time; !d.IsZero() && date.Format(time.DateOnly) > d.Format(time.DateOnly) {
		if text, _, ok := c.AfterDeadlineIn("en"); ok {
			return fmt.Sprintf("the case's deadline, %s, has passed; it says: %s", d.Format(time.DateOnly), render.OneLine(text))
		}
		return fmt.Sprintf("the case's deadline, %s, has passed; check with the group that issued it before sending", d.Format(time.DateOnly))
	}
	return ""
}

func printWarnings(e *env, opts *generateOptions, warnings ...string) {
	if opts.Quiet {
		return
	}
	for _, w := range warnings {
		if w != "" {
			fmt.Fprintln(e.ErrOut, "warning: "+w)
		}
	}
}

// chooseLanguage resolves the language of one writer's letters (see
// letter.ChooseLanguage). When the language asked for is one appeal has
// templates for but the case lacks texts in, the problems say which.
func chooseLanguage(r *render.Renderer, c *casefile.Case, s *casefile.Sender, flag string) (letter.Choice, error) {
	if flag != "" {
		if err := checkTag(flag); err != nil {
			return letter.Choice{}, err
		}
	}
	offered := writable(r, c.Offered())
	ch, err := letter.ChooseFor(c, offered, flag, s)
	var (
		nl *letter.NoLanguageError
		nr *letter.NotReadError
	)
	if errors.As(err, &nr) {
		return ch, usageError{err}
	}
	if !errors.As(err, &nl) {
		return ch, err
	}
	if nl.Wanted != "" {
		if lang, _, ok := letter.Match(r.Languages(), nl.Wanted); !ok {
			return ch, usagef("no letter templates in %q; appeal writes %s", nl.Wanted, strings.Join(r.Languages(), ", "))
		} else if ps := c.CheckLanguage(lang); len(ps) > 0 {
			// A case not written in the language at all: one line says so
			// (and how to list what a translation would need); a case
			// partly translated: the texts still missing, after that line.
			if slices.ContainsFunc(ps, func(p input.Problem) bool { return p.Path == "facts."+lang }) {
				return ch, usagef("%s (to write it in %s too, 'appeal validate %s --lang %s' lists the texts to add)", nl.Error(), lang, c.File(), lang)
			}
			return ch, append(input.Problems{{File: c.File(), Msg: nl.Error()}}, ps...)
		}
	}
	if len(offered) == 0 {
		return ch, usagef("the case has no complete texts in any language appeal has templates for (%s); run 'appeal validate %s'", strings.Join(r.Languages(), ", "), c.File())
	}
	return ch, usageError{err}
}

func checkTag(lang string) error {
	if _, ok := input.Tag(lang); !ok {
		return usagef("--lang %q is not a language tag; use a code such as en, ru or kk", lang)
	}
	return nil
}

// completeLang completes --lang with the languages there are templates for.
func completeLang(e *env) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		r, err := newRenderer(e)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return r.Languages(), cobra.ShellCompDirectiveNoFileComp
	}
}
