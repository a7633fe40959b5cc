/**
 * Drawing measured operations with pdfkit, writing the tagged PDF's structure tree as it goes.
 */
import { type Op, type StructNode } from './boxes';

function isArtifact(node: StructNode): boolean {
	for (let current: StructNode | null = node; current; current = current.parent)
		if (current.tag.role === 'Artifact') return true;
	return false;
}

/**
 * Writes the tagged PDF's structure while the operations are drawn: each structure element is
 * created when its first text is drawn (so the tree follows the reading order of the boxes),
 * consecutive text of one element is one marked-content sequence, and everything else —
 * bars, rules, bullets' backgrounds, the footer — is marked as an artifact.
 */
export class StructureWriter {
	private readonly elements = new Map<StructNode, PDFKit.PDFStructureElement>();
	private open: StructNode | null = null;
	private readonly root: PDFKit.PDFStructureElement;

	constructor(private readonly doc: PDFKit.PDFDocument) {
		this.root = doc.struct('Document');
		doc.addStructure(this.root);
	}

	/** Draws inside `node`'s element, or as an artifact when it has none or is one. */
	content(node: StructNode | undefined, drawIt: () => void): void {
		if (!node || isArtifact(node)) {
			this.close();
			this.doc.markContent('Artifact', { type: 'Layout' });
			drawIt();
			this.doc.endMarkedContent();
			return;
		}
		if (this.open !== node) {
			this.close();
			const marked = this.doc.markStructureContent(node.tag.role);
			this.element(node).add(marked);
			this.open = node;
		}
		drawIt();
	}

	/** Ends the open marked content: at the end of every page, which it must not cross. */
	close(): void {
		if (this.open) this.doc.endMarkedContent();
		this.open = null;
	}

	end(): void {
		this.close();
		this.root.end();
	}

	private element(node: StructNode): PDFKit.PDFStructureElement {
		let element = this.elements.get(node);
		if (!element) {
			const parent = node.parent ? this.element(node.parent) : this.root;
			const { role, lang, alt } = node.tag;
			element = this.doc.struct(role, { ...(lang ? { lang } : {}), ...(alt ? { alt } : {}) });
			parent.add(element);
			this.elements.set(node, element);
		}
		return element;
	}
}

export function draw(
	doc: PDFKit.PDFDocument,
	structure: StructureWriter,
	ops: readonly Op[],
	dx: number,
	dy: number
): void {
	for (const op of ops) {
		switch (op.kind) {
			case 'text':
				structure.content(op.node, () =>
					doc
						.font(op.font)
						.fontSize(op.size)
						.fillColor(op.color)
						.text(op.text, op.x + dx, op.y + dy, { lineBreak: false, baseline: 'alphabetic' })
				);
				break;
			case 'rect':
				structure.content(undefined, () =>
					doc.rect(op.x + dx, op.y + dy, op.w, op.h).fill(op.color)
				);
				break;
			case 'rule':
				structure.content(undefined, () =>
					doc
						.moveTo(op.x + dx, op.y + dy)
						.lineTo(op.x + dx + op.w, op.y + dy)
						.lineWidth(op.thickness)
						.strokeColor(op.color)
						.stroke()
				);
				break;
			case 'image':
				structure.content(op.node, () =>
					doc.image(op.data, op.x + dx, op.y + dy, { width: op.w, height: op.h })
				);
				break;
			case 'link':
				doc.link(op.x + dx, op.y + dy, op.w, op.h, op.url);
				break;
		}
	}
	structure.close();
}
