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
// address (To) only, 5 mm in from the label's edges, centred vertically.
// The addresses are set at 10 pt; an over-wide line wraps before the
// address is set smaller, in steps of 0.5 pt down to 8 pt, and an address
// that does not fit at 8 pt is an error. All labels on a sheet are set at
// one size, the smallest that one of them needs. skip is the number of
// labels already used on the first sheet (0-20): the first mailing goes on
// label skip+1. Nothing is written to w unless the whole document was made
// without error.
func Labels(w io.Writer, created time.Time, skip int, ms ...Mailing) error {
	if len(ms) == 0 {
		return errNoMailings
	}
	if skip < 0 || skip >= labelsPerPage {
		return fmt.Errorf("%d labels to skip, want 0 to %d", skip, labelsPerPage-1)
	}
	fs, err := fonts()
	if err != nil {
		return err
	}
	const maxW, maxH = labelW - 2*labelInset, labelH - 2*labelInset
	tos := make([][]string, len(ms))
	blocks := make([]block, len(ms))
	rtl := make([]bool, len(ms))
	for i := range ms {
		tos[i] = cleanLines(ms[i].To)
		if len(tos[i]) == 0 {
			return fmt.Errorf("mailing %d has no recipient address", i+1)
		}
		var reg *face
		reg, rtl[i] = addressFace(fs, tos[i])
		blocks[i] = fit(reg, tos[i], labelToCands, maxW, maxH)
		if !blocks[i].within(maxW, maxH) {
			return fmt.Errorf("mailing %d: the address does not fit on a label", i+1)
		}
	}
	pages := make([][]op, (skip+len(ms)+labelsPerPage-1)/labelsPerPage)
	for page := range pages {
		// Mailings first to last go on this sheet.
		first, last := max(0, page*labelsPerPage-skip), min(len(ms), (page+1)*labelsPerPage-skip)
		size := labelToSize
		for _, b := range blocks[first:last] {
			size = min(size, b.size)
		}
		for i := first; i < last; i++ {
			b := blocks[i]
			if b.size != size {
				// Smaller than a size that fits: it fits, wrapped as needed.
				b = fit(b.fc, tos[i], []candidate{{size, headPitch, false, false}, {size, headPitch, true, false}, {size, headPitch, true, true}}, maxW, maxH)
				if !b.within(maxW, maxH) {
					return fmt.Errorf("mailing %d: the address does not fit on a label at %.1f pt", i+1, size)
				}
			}
			n := skip + i
			cell := n % labelsPerPage
			x := labelMarginX + float64(cell%labelCols)*labelW
			y := labelMarginY + float64(cell/labelCols)*labelH
			pages[page] = b.placeIn(pages[page], rect{x + labelInset, y + (labelH-b.height())/2, maxW, maxH}, rtl[i])
		}
	}
	return output(w, fs, "P", fpdf.SizeType{Wd: labelSheetW, Ht: labelSheetH}, created, pages)
}
