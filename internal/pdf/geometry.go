package pdf

const (
	ptMM = 25.4 / 72 // millimetres per point
	inMM = 25.4      // millimetres per inch
)

// Type sizes (pt) and line pitches (multiples of the size).
const (
	bodyPitch    = 1.2
	headSize     = 10.0 // sender block, date, recipient address
	headPitch    = 1.2
	returnSize   = 8.0
	labelSize    = 9.0
	minHeadSize  = 8.0  // the address shrinks down to this before it goes smaller
	minInfoSize  = 8.0  // the sender block and date never go smaller
	signSpace    = 12.0 // mm left blank for the handwritten signature
	markWidth    = 0.25 // mm, fold and punch marks
	foldMarkLen  = 5.0  // mm
	punchMarkLen = 10.0 // mm
	ruleWidth    = 0.1  // mm, rule under the return line
)

// rect is a rectangle in mm from the top-left corner of the page.
type rect struct{ x, y, w, h float64 }

func (r rect) bottom() float64 { return r.y + r.h }

// geometry is where everything goes on a paper size. All values in mm
// from the top-left corner.
type geometry struct {
	fpdfSize      string
	bodySize      float64 // pt; Letter is 18 mm shorter than A4, so its body is set smaller
	w, h          float64
	left, right   float64 // text margins
	window        rect    // envelope window
	addrX         float64 // left end of the recipient lines and the return line
	inset         float64 // kept free inside the window at the top, right and bottom
	vermerk       float64 // height of the Zusatz- und Vermerkzone (A4), 0 for none
	returnLine    bool    // print the return line at the top of the window
	sender        rect    // area of the sender block (and, on A4, the date below it)
	senderTop     float64 // where the sender block starts when it fits below it
	dateInSender  bool    // date below the sender block (A4); else top right (Letter)
	dateW         float64 // maximum width of the date when it stands alone
	subjectTop    float64 // top of the subject line on page 1
	contTop       float64 // top of the text on later pages
	bottom        float64 // lowest point of body text
	labelBaseline float64 // page label, right-aligned at w - right
	folds         []float64
	punch         float64 // 0 for none
	markX         float64 // left end of the fold and punch marks
}

var geometries = [...]geometry{
	A4: {
		fpdfSize: "A4",
		bodySize: 11,
		w:        210, h: 297,
		left: 25, right: 20,
		// DIN 5008 form B address field: 20 mm from the left, 45 mm from the
		// top, 85 x 45 mm; 17.7 mm Zusatz- und Vermerkzone on top of a
		// 27.3 mm Anschriftzone; text 5 mm in from the field's left edge
		// and 2 mm from the others.
		window:     rect{20, 45, 85, 45},
		addrX:      25,
		inset:      2,
		vermerk:    17.7,
		returnLine: true,
		// Informationsblock right of the field, from 50 mm down; it may grow
		// upwards into the empty letterhead area when the sender is long.
		sender:        rect{125, 15, 65, 92 - 15},
		senderTop:     50,
		dateInSender:  true,
		subjectTop:    98.46, // two lines below the address field
		contTop:       20,
		bottom:        279, // 18 mm from the foot: DIN 5008 asks at least 16.9 mm
		labelBaseline: 286,
		folds:         []float64{105, 210},
		punch:         148.5,
		markX:         3.5,
	},
	Letter: {
		fpdfSize: "Letter",
		bodySize: 10.5,
		w:        8.5 * inMM, h: 11 * inMM,
		left: 1 * inMM, right: 1 * inMM,
		// #10 window envelope, KOMA-Script UScommercial9: 0.6875 in from the
		// left, 2.1875 in from the top, 4.5 x 1.125 in; text 2 mm from its
		// top, right and bottom edges. No return line: the sender block
		// above the window is the return address.
		window: rect{0.6875 * inMM, 2.1875 * inMM, 4.5 * inMM, 1.125 * inMM},
		addrX:  1 * inMM,
		inset:  2,
		// Sender block in the upper left corner, ending 8 mm above the
		// window; the date at the top right, beside it.
		sender:        rect{1 * inMM, 15, 100, 2.1875*inMM - 8 - 15},
		senderTop:     15,
		dateW:         (8.5-1)*inMM - (1*inMM + 100 + 5),
		subjectTop:    (2.1875+1.125)*inMM + 8.46,
		contTop:       20,
		bottom:        11*inMM - 18,
		labelBaseline: 11*inMM - 11,
		folds:         []float64{3.75 * inMM, 7.375 * inMM},
		markX:         3.5,
	},
}
