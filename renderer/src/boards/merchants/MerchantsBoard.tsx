import { PlannedBoard } from '../../components/PlannedBoard';

export default function MerchantsBoard() {
  return <PlannedBoard board="merchants" />;
}
