// Package doc holds a rendered letter as plain blocks of text: what the
// text writer and the PDF writer lay out. It knows nothing of cases,
// prisoners or templates; render fills it, pdf and render.Text print it.
package doc

// Letter is one finished letter, every string already in its language.
type Letter struct {
	Lang string // BCP 47 tag of the letter's language, e.g. "ru"

	// Sender is the writer's address block, one line each (name first).
	// When the writer is unknown it holds bracketed placeholders to fill in by hand.
	Sender []string
	// ReturnLine is the sender in one short line for the top of the
	// envelope window (DIN 5008 Rücksendeangabe); empty when unknown.
	ReturnLine string
	// ReturnAddress is the sender's postal address for envelopes and
	// labels: no e-mail, the country named for the sender's own post.
	// Empty when the writer is unknown.
	ReturnAddress []string
	Date          string // long form, e.g. "14 марта 2017 г."

	// Recipient is the postal address block, top to bottom, country last.
	Recipient []string

	Subject    string
	Salutation string
	Body       []Block
	Closing    string   // e.g. "Yours sincerely,"
	Signature  []string // lines under the space for the handwritten signature
	CopyTo     string   // e.g. "Copy to: Askar Shakirov, Human Rights Commissioner"; may be empty

	// PageOf formats the page label of a multi-page letter: fmt.Sprintf(PageOf, page, total),
	// e.g. "Page %d of %d".
	PageOf string
}

// Block is one paragraph of the body, or one item of a list when Marker is set.
type Block struct {
	Marker string // list marker such as "1." or "•"; empty for a plain paragraph
	Text   string // one paragraph; no line breaks
}
