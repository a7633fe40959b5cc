// Q&A with experts on the server: importing this registers its commands, its section of the
// state, its part of a participant's own view and its part of the restitution. Found by
// ../phases.ts from the protocol's list of phase kinds.
import './service';
import './views';
import './restitution';
