package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/spf13/cobra"

	"appeal/internal/input"
	"appeal/internal/letter"
	"appeal/internal/output"
	"appeal/internal/po"
	"appeal/internal/render"
)

type templatesPOOptions struct {
	*templatesOptions
	Out   string // export: the PO file, "-" for stdout
	Force bool   // export: overwrite it
}

func newTemplatesPOCmd(e *env, topts *templatesOptions) *cobra.Command {
	opts := &templatesPOOptions{templatesOptions: topts}
	cmd := &cobra.Command{
		Use:   "po",
		Args:  cobra.ArbitraryArgs,
		RunE:  groupRun,
		Short: "Translate the templates in Poedit, Weblate or Crowdin: export and import PO files",
		Long: `Write a language's templates as a gettext PO file, and read one back. Each
piece of letter.tmpl is an entry whose msgctxt is the piece's name, msgid
the English piece and msgstr the translation, both exactly as written
between {{define}} and {{end}}; each string of locale.yaml is an entry
whose msgctxt is locale:KEY (a list: one item a line). Fuzzy entries are
pieces whose English changed since they were translated. See
docs/templates.md.`,
	}
	export := &cobra.Command{
		Use:   "export",
		Short: "Write a language's PO file, to translate in a PO editor",
		Example: `  appeal templates po export --lang ru            # writes ru.po
  appeal templates po export --lang it -o - > it.po   # a new language: empty msgstrs`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesPOExport(e, opts)
		},
	}
	export.Flags().StringVarP(&opts.Lang, "lang", "l", "", "the language to translate into (required; en gives a template with empty msgstrs)")
	_ = export.RegisterFlagCompletionFunc("lang", completeLang(e))
	export.Flags().StringVarP(&opts.Out, "out", "o", "", `the PO file to write, "-" for standard output (default LANG.po)`)
	export.Flags().BoolVar(&opts.Force, "force", false, "overwrite the PO file if it exists")
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "Write a language's templates into --templates DIR from a PO file",
		Long: `Read a PO file and write DIR/<lang>/letter.tmpl and locale.yaml (and
stamps.yaml), starting from the files DIR has, else the built-in ones,
else English's. The language is --lang, else the PO file's Language
header. An empty msgstr keeps what was there. The result is checked as
'appeal templates check' does before anything is written: on an error,
nothing is. A translated entry that is not fuzzy and whose msgid is the
English piece as it is now is stamped as current.`,
		Example: "  appeal templates po import ru.po --templates my-templates\n  APPEAL_TEMPLATES=$PWD/my-templates appeal generate cases/ua-115-16.yaml --lang ru",
		Args:    exactArgs(1, "a PO file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesPOImport(e, opts, args[0])
		},
	}
	imp.Flags().StringVarP(&opts.Lang, "lang", "l", "", "the language of the PO file (default: its Language header)")
	_ = imp.RegisterFlagCompletionFunc("lang", completeLang(e))
	cmd.AddCommand(export, imp)
	return cmd
}

func runTemplatesPOExport(e *env, opts *templatesPOOptions) error {
	if opts.Lang == "" {
		return usagef("give --lang: the language to translate into")
	}
	if opts.Dir == "" {
		opts.Dir = e.Getenv("APPEAL_TEMPLATES")
	}
	if err := checkTag(opts.Lang); err != nil {
		return err
	}
	r, err := loadTemplates(e, opts.Dir)
	if err != nil {
		return err
	}
	if lang, _, ok := letter.Match(r.Languages(), opts.Lang); ok {
		opts.Lang = lang // RU and ru-RU are the Russian templates
	} else {
		fmt.Fprintf(e.ErrOut, "no templates in %s yet (there are %s): the PO file starts a new translation, with empty msgstrs\n",
			opts.Lang, strings.Join(r.Languages(), ", "))
	}
	now, err := today(e)
	if err != nil {
		return err
	}
	f, err := r.ExportPO(opts.Lang, [][2]string{
		{"Project-Id-Version", "appeal"},
		{"PO-Revision-Date", now.UTC().Format("2006-01-02 15:04-0700")},
		{"Last-Translator", ""},
		{"Language-Team", ""},
		{"Language", opts.Lang},
		{"MIME-Version", "1.0"},
		{"Content-Type", "text/plain; charset=UTF-8"},
		{"Content-Transfer-Encoding", "8bit"},
		{"X-Generator", "appeal templates po export"},
	})
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := po.Write(&b, f); err != nil {
		return err
	}
	if opts.Out == "-" {
		_, err := io.WriteString(e.Out, b.String())
		return err
	}
	name := opts.Out
	if name == "" {
		name = opts.Lang + ".po"
	}
	file := output.File{Path: filepath.Base(name), Data: []byte(b.String())}
	dir := filepath.Dir(name)
	if err := output.Check(dir, []output.File{file}, opts.Force); err != nil {
		return err
	}
	if err := output.Write(dir, file); err != nil {
		return err
	}
	fuzzy := 0
	for _, en := range f.Entries {
		if en.Fuzzy() {
			fuzzy++
		}
	}
	fmt.Fprintf(e.ErrOut, "wrote %s: %s, %s; translate it, then: appeal templates po import %s --templates DIR\n",
		name, plural(len(f.Entries)-1, "entry", "entries"), plural(fuzzy, "fuzzy", "fuzzy"), name)
	return nil
}

func runTemplatesPOImport(e *env, opts *templatesPOOptions, file string) error {
	if opts.Dir == "" {
		opts.Dir = e.Getenv("APPEAL_TEMPLATES")
	}
	if opts.Dir == "" {
		return usagef("import writes DIR/<lang>/letter.tmpl and locale.yaml: give --templates DIR (or $APPEAL_TEMPLATES)")
	}
	var data []byte
	var err error
	if file == "-" {
		data, err = io.ReadAll(e.In)
		file = "stdin"
	} else {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		return input.Problems{{File: file, Msg: "cannot read: " + strings.TrimPrefix(err.Error(), "open "+file+": ")}}
	}
	f, err := po.Parse(data, file)
	if err != nil {
		return err
	}
	lang := opts.Lang
	if lang == "" {
		lang = f.Header("Language")
		// Poedit may write a region (pt_BR); the folder is the language.
		lang, _, _ = strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
		lang = strings.ToLower(lang)
	}
	if lang == "" || strings.ContainsAny(lang, `/\.`) {
		return usagef("%s: no Language header: give --lang", file)
	}

	// The templates as they are now, DIR's included when it has some.
	base, err := templateLayers(e, "")
	if err != nil {
		return err
	}
	current, err := dirFiles(opts.Dir)
	if err != nil {
		return err
	}
	layers := base
	if m, _ := fs.Glob(current, "*/letter.tmpl"); len(m) > 0 {
		layers = append(slices.Clone(base), render.Layer{Name: opts.Dir, FS: current})
	}
	r, err := render.NewLayers(layers...)
	if err != nil {
		return err
	}
	im, err := r.ImportPO(f, file, lang)
	if err != nil {
		var ps input.Problems
		if errors.As(err, &ps) {
			return err
		}
		return usageError{err}
	}

	// Check the result as DIR will hold it, before writing anything.
	next := fstest.MapFS{}
	for p, mf := range current {
		if !strings.HasPrefix(p, lang+"/") {
			next[p] = mf
		}
	}
	for name, data := range im.Files {
		next[path.Join(lang, name)] = &fstest.MapFile{Data: data}
	}
	checked, err := render.NewLayers(append(base, render.Layer{Name: opts.Dir, FS: next})...)
	if err != nil {
		return im.LocateErr(err)
	}
	errs, warnings := im.Locate(checked.CheckTemplates(lang))
	for _, w := range append(im.Warnings, warnings...) {
		fmt.Fprintln(e.ErrOut, w)
	}
	if len(errs) > 0 {
		errs = append(errs, input.Problem{File: file, Msg: "nothing written"})
		return input.All{Problems: errs}
	}

	if err := os.MkdirAll(filepath.Join(opts.Dir, lang), 0o755); err != nil {
		return err
	}
	var names []string
	for _, name := range []string{"letter.tmpl", "locale.yaml", render.StampsFile, render.NotesFile} {
		data, ok := im.Files[name]
		if !ok {
			continue
		}
		if err := output.Write(opts.Dir, output.File{Path: filepath.Join(lang, name), Data: data}); err != nil {
			return err
		}
		names = append(names, name)
	}
	fmt.Fprintf(e.ErrOut, "%s: %s changed, %s stamped as current, %s kept what was there; wrote %s (%s)\n",
		file, plural(len(im.Changed), "entry", "entries"), plural(len(im.Stamped), "piece", "pieces"),
		plural(im.Empty, "empty msgstr", "empty msgstrs"), filepath.Join(opts.Dir, lang), strings.Join(names, ", "))
	return nil
}

// dirFiles reads the template files under dir (none when dir does not
// exist yet) into memory.
func dirFiles(dir string) (fstest.MapFS, error) {
	out := fstest.MapFS{}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("templates %s: not a folder", dir)
		}
		return out, nil
	}
	fsys := os.DirFS(dir)
	for _, name := range []string{"letter.tmpl", "locale.yaml", render.StampsFile, render.NotesFile} {
		matches, err := fs.Glob(fsys, "*/"+name)
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			data, err := fs.ReadFile(fsys, m)
			if err != nil {
				return nil, err
			}
			out[m] = &fstest.MapFile{Data: data}
		}
	}
	return out, nil
}
