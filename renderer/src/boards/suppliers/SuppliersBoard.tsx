import { PlannedBoard } from '../../components/PlannedBoard';

export default function SuppliersBoard() {
  return <PlannedBoard board="suppliers" />;
}
