package doc

// Parallel is two texts side by side, in sections: what a translator
// reviews a translation with (appeal templates preview). Left is the text
// translated from, Right the translation.
type Parallel struct {
	Lang        string   // BCP 47 tag of the right-hand text
	Title       string   // first line of the document
	Intro       []string // lines under the title: the case, the writer
	Left, Right string   // short column labels: the language tags
	// LeftHead and RightHead head the columns of a PDF: "English (en)".
	LeftHead, RightHead string
	PageOf              string // page label, fmt.Sprintf(PageOf, page, total)
	Sections            []Section
}

// Section is one piece of a letter: its name, marks that call for review
// (a stale translation), the note for translators, and its renderings.
type Section struct {
	Heading string
	Marks   []string // each a paragraph; may hold line breaks
	Note    string
	Rows    []Row
}

// Row is one rendering of a section in both languages, for one set of
// circumstances (Label: "role copy, no sender"; empty when there is one).
// Paragraphs are separated by blank lines ("\n\n").
type Row struct {
	Label       string
	Left, Right string
}
