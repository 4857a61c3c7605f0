package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"appeal/internal/output"
	"appeal/internal/render"
	"appeal/templates"
)

type templatesOptions struct {
	Lang string // one language, or all
	Dir  string // a folder of <lang>/letter.tmpl and locale.yaml instead of the built-in ones
}

func newTemplatesCmd(e *env) *cobra.Command {
	opts := &templatesOptions{}
	cmd := &cobra.Command{
		Use:   "templates",
		Args:  cobra.ArbitraryArgs,
		RunE:  groupRun,
		Short: "List and check the letter templates (for translators)",
		Long: `Tools for translators. The letter templates are built in; --templates DIR
reads a folder laid out the same way (DIR/<lang>/letter.tmpl and
DIR/<lang>/locale.yaml) instead, so a translation can be checked before it
is built in. See docs/templates.md.`,
	}
	cmd.PersistentFlags().StringVar(&opts.Dir, "templates", "", "a folder of <lang>/letter.tmpl and locale.yaml to use instead of the built-in templates (default $APPEAL_TEMPLATES)")
	check := &cobra.Command{
		Use:   "check",
		Short: "Render every piece of every language over every kind of letter",
		Long: `Render every piece of the templates (each subject-N, opening-N, request-N,
the lead-in and the body) over the whole range of letters: 1, 2 and 3
prisoners of every gender and of mixed ones; the roles to, copy and
embassy; with and without a sender and a note; one demand and several. A
piece that fails or prints nothing is an error, as is a field the English
piece does not use; a field the English piece uses and a translation drops,
and English words left in a translation, are warnings. Exit status 1 when
there is an error.`,
		Example: "  appeal templates check\n  appeal templates check --lang ru --templates my-templates/",
		Args:    exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesCheck(e, opts)
		},
	}
	check.Flags().StringVarP(&opts.Lang, "lang", "l", "", "check only this language")
	_ = check.RegisterFlagCompletionFunc("lang", completeLang(e))
	list := &cobra.Command{
		Use:   "list",
		Short: "List the languages, where their templates come from, and their pieces",
		Long: `List every language: where its templates come from (built in, or a
folder), whether it is complete, and its pieces. With --lang, list that
language's pieces one by one, each with its state (current, stale, not
stamped) and the note for translators.`,
		Example: "  appeal templates list\n  appeal templates list --lang ru",
		Args:    exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesList(e, opts)
		},
	}
	export := &cobra.Command{
		Use:   "export DIR",
		Short: "Write the built-in templates to DIR, to start a translation from",
		Example: `  appeal templates export my-templates --lang en
  export APPEAL_TEMPLATES=$PWD/my-templates   # then edit, check and generate`,
		Args: exactArgs(1, "a folder to write the templates to"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesExport(e, opts, args[0])
		},
	}
	export.Flags().StringVarP(&opts.Lang, "lang", "l", "", "export only this language")
	_ = export.RegisterFlagCompletionFunc("lang", completeLang(e))
	stamp := &cobra.Command{
		Use:   "stamp [PIECE...]",
		Short: "Mark translated pieces as current with the English ones, after review",
		Long: `Record, in DIR/<lang>/stamps.yaml, that the named pieces of a translation
(all when none are named) were reviewed against the English pieces as they
are now. When an English piece changes later, check and list show the
translated piece as stale, with what the English said then and says now.
DIR is --templates or $APPEAL_TEMPLATES (for the built-in templates, the
source tree's templates/ folder).`,
		Example: "  appeal templates stamp --lang ru --templates templates opening-2",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesStamp(e, opts, args)
		},
	}
	stamp.Flags().StringVarP(&opts.Lang, "lang", "l", "", "the translation to stamp (required)")
	_ = stamp.RegisterFlagCompletionFunc("lang", completeLang(e))
	list.Flags().StringVarP(&opts.Lang, "lang", "l", "", "list this language's pieces, with their state and notes")
	_ = list.RegisterFlagCompletionFunc("lang", completeLang(e))
	cmd.AddCommand(check, list, export, stamp)
	cmd.AddCommand(newTemplatesPreviewCmd(e, opts))
	cmd.AddCommand(newTemplatesPOCmd(e, opts))
	return cmd
}

func runTemplatesStamp(e *env, opts *templatesOptions, pieces []string) error {
	if opts.Dir == "" {
		opts.Dir = e.Getenv("APPEAL_TEMPLATES")
	}
	if opts.Dir == "" || opts.Lang == "" {
		return usagef("stamp writes DIR/<lang>/stamps.yaml: give --lang and --templates DIR (or $APPEAL_TEMPLATES)")
	}
	r, err := loadTemplates(e, opts.Dir)
	if err != nil {
		return err
	}
	done, err := r.Stamp(opts.Dir, opts.Lang, pieces)
	if err != nil {
		return usageError{err}
	}
	fmt.Fprintf(e.ErrOut, "stamped %s of %s as current with English\n", plural(len(done), "piece", "pieces"), opts.Lang)
	return nil
}

// runTemplatesExport writes the built-in <lang>/letter.tmpl and
// locale.yaml under dir, never over existing files.
func runTemplatesExport(e *env, opts *templatesOptions, dir string) error {
	var files []output.File
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(p, "/") {
			return err
		}
		if opts.Lang != "" && !strings.HasPrefix(p, opts.Lang+"/") {
			return nil
		}
		data, err := fs.ReadFile(templates.FS, p)
		files = append(files, output.File{Path: filepath.FromSlash(p), Data: data})
		return err
	})
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("no built-in templates in %q", opts.Lang)
	}
	if err := output.Check(dir, files, false); err != nil {
		return err
	}
	for _, f := range files {
		if err := output.Write(dir, f); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.ErrOut, "wrote %s to %s; edit them, check with 'appeal templates check --templates %s', use with APPEAL_TEMPLATES=%s\n",
		plural(len(files), "file", "files"), dir, dir, dir)
	return nil
}

// newRenderer reads the templates every command writes letters with: the
// built-in ones, under those of templates/ in the config folder, under
// those of the folder $APPEAL_TEMPLATES names (a translator's own, laid out
// as templates/). A language in a later folder replaces the built-in one;
// a new language is added.
func newRenderer(e *env) (*render.Renderer, error) {
	return loadTemplates(e, e.Getenv("APPEAL_TEMPLATES"))
}

// loadTemplates reads the built-in templates, those of the config folder's
// templates/, and those of dir, each over the one before.
func loadTemplates(e *env, dir string) (*render.Renderer, error) {
	layers, err := templateLayers(e, dir)
	if err != nil {
		return nil, err
	}
	return render.NewLayers(layers...)
}

// templateLayers are the folders loadTemplates reads, in order.
func templateLayers(e *env, dir string) ([]render.Layer, error) {
	layers := []render.Layer{{Name: "templates", FS: templates.FS, BuiltIn: true}}
	if cfg := configDir(e); cfg != "" {
		d := filepath.Join(cfg, "templates")
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			layers = append(layers, render.Layer{Name: d, FS: os.DirFS(d)})
		}
	}
	if dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, usagef("templates %s: not a folder of <lang>/letter.tmpl and locale.yaml (--templates or $APPEAL_TEMPLATES)", dir)
		}
		layers = append(layers, render.Layer{Name: dir, FS: os.DirFS(dir)})
	}
	return layers, nil
}

func runTemplatesCheck(e *env, opts *templatesOptions) error {
	if opts.Dir == "" {
		opts.Dir = e.Getenv("APPEAL_TEMPLATES")
	}
	r, err := loadTemplates(e, opts.Dir)
	if err != nil {
		return err
	}
	langs := r.Languages()
	if opts.Lang != "" {
		if !r.Has(opts.Lang) {
			return usagef("no letter templates in %q; there are %s", opts.Lang, strings.Join(langs, ", "))
		}
		langs = []string{opts.Lang}
	}
	errs, warnings := 0, 0
	for _, l := range langs {
		for _, f := range r.CheckTemplates(l) {
			fmt.Fprintln(e.ErrOut, f)
			if f.Warning {
				warnings++
			} else {
				errs++
			}
		}
	}
	if errs > 0 {
		return fmt.Errorf("templates: %s, %s", plural(errs, "error", "errors"), plural(warnings, "warning", "warnings"))
	}
	fmt.Fprintf(e.Out, "templates ok: %s (%s)\n", strings.Join(langs, ", "), plural(warnings, "warning", "warnings"))
	return nil
}

func runTemplatesList(e *env, opts *templatesOptions) error {
	if opts.Dir == "" {
		opts.Dir = e.Getenv("APPEAL_TEMPLATES")
	}
	r, err := loadTemplates(e, opts.Dir)
	if err != nil {
		return err
	}
	if opts.Lang != "" {
		return listPieces(e, r, opts.Lang)
	}
	for _, l := range r.Languages() {
		state := "complete"
		errs, stale := 0, 0
		for _, f := range r.CheckTemplates(l) {
			switch {
			case !f.Warning:
				errs++
			case strings.HasPrefix(f.Msg, "stale"):
				stale++
			}
		}
		switch {
		case errs > 0:
			state = plural(errs, "error", "errors") + " (appeal templates check --lang " + l + ")"
		case stale > 0:
			state = plural(stale, "stale piece", "stale pieces") + " (appeal templates check --lang " + l + ")"
		}
		fmt.Fprintf(e.Out, "%s\t%s\t%s\t%s\n", l, r.From(l), state, strings.Join(r.Pieces(l), " "))
	}
	return nil
}

// listPieces prints each piece of lang with its state and its note.
func listPieces(e *env, r *render.Renderer, lang string) error {
	if !r.Has(lang) {
		return usagef("no letter templates in %q; there are %s", lang, strings.Join(r.Languages(), ", "))
	}
	state := map[string]string{}
	for _, f := range r.CheckTemplates(lang) {
		msg, _, _ := strings.Cut(f.Msg, "\n")
		if _, seen := state[f.Piece]; !seen {
			state[f.Piece] = msg
		}
	}
	fmt.Fprintf(e.Out, "%s (%s)\n", lang, r.From(lang))
	for _, p := range r.Pieces(lang) {
		st := state[p]
		if st == "" {
			st = "ok"
		}
		fmt.Fprintf(e.Out, "\n%s: %s\n", p, st)
		if n := r.Note(lang, p); n != "" {
			for _, line := range render.WrapText(n, 72) {
				fmt.Fprintf(e.Out, "    %s\n", line)
			}
		}
	}
	return nil
}
