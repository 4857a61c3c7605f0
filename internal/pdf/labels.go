package pdf

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The label sheet: A4 with 3 x 7 labels of 70 x 42.3 mm, in mm.
const (
	labelCols     = 3
	labelRows     = 7
	labelW        = 70.0
	labelH        = 42.3
	labelSheetW   = 210.0
	labelSheetH   = 297.0
	labelMarginX  = 0.0                                  // no margin at the sides
	labelMarginY  = (labelSheetH - labelRows*labelH) / 2 // 0.45 mm at top and bottom
	labelInset    = 5.0                                  // text from the label's edges
	labelsPerPage = labelCols * labelRows
)

// Labels writes A4 sheets of 3 x 7 address labels, 70 x 42.3 mm each, with
// no gaps between them: the sheet margins are 0.45 mm at the top and
// bottom, (297 - 7 x 42.3) / 2, and none at the sides. The labels are
// filled row by row, in the order of the mailings, with the recipient's
// address (To) only: 10 pt, shrunk down to 7 pt (and wrapped) for long
// addresses, 5 mm in from the label's edges, centred vertically. skip is
// the number of labels already used on the first sheet (0-20): the first
// mailing goes on label skip+1. Nothing is written to w unless the whole
// document was made without error.
func Labels(w io.Writer, created time.Time, skip int, ms ...Mailing) error {
	if len(ms) == 0 {
		return errNoMailings
	}
	if skip < 0 || skip >= labelsPerPage {
		return fmt.Errorf("pdf: %d labels to skip, want 0 to %d", skip, labelsPerPage-1)
	}
	fs, err := fonts()
	if err != nil {
		return err
	}
	reg := fs.regular
	const maxW, maxH = labelW - 2*labelInset, labelH - 2*labelInset
	pages := make([][]op, (skip+len(ms)+labelsPerPage-1)/labelsPerPage)
	for i := range ms {
		to := cleanLines(ms[i].To)
		if len(to) == 0 {
			return fmt.Errorf("pdf: mailing %d has no recipient address", i+1)
		}
		b := fit(reg, to, labelToCands, maxW, maxH)
		if !b.within(maxW, maxH) {
			return fmt.Errorf("pdf: mailing %d: the address does not fit on a label", i+1)
		}
		n := skip + i
		page, cell := n/labelsPerPage, n%labelsPerPage
		x := labelMarginX + float64(cell%labelCols)*labelW
		y := labelMarginY + float64(cell/labelCols)*labelH
		pages[page] = b.place(pages[page], x+labelInset, y+(labelH-b.height())/2, false)
	}
	return output(w, fs, "P", fpdf.SizeType{Wd: labelSheetW, Ht: labelSheetH}, created, pages)
}
